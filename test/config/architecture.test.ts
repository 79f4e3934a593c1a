import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { projectPath } from '../../src/lib/paths.js';
import { check, importsOf, MAX_LINES, RULES, type Source } from './architecture-rules.js';

const ROOT = projectPath();
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
// bench/runs holds the reports of bench runs (ignored by git): output, not the project.
const TREE = ['src', 'test', 'bench', 'scripts', 'cards', 'docs'].flatMap((d) => walk(projectPath(d))).filter((f) => !f.startsWith(projectPath('bench', 'runs') + sep));
const TOP = ['README.md', '.env.example', ...readdirSync(ROOT).filter((f) => /^[\w.-]+\.(c?js|mjs|json)$/.test(f) && f !== 'package-lock.json')].map((f) => projectPath(f));
const sources: Source[] = [...TREE, ...TOP]
  .filter((f) => !/\.(png|jpe?g|gif|ico|zip)$/.test(f))
  .map((f) => ({ path: relative(ROOT, f).split(sep).join('/'), text: readFileSync(f, 'utf8') }));
const rule = (start: string) => RULES.find((r) => r.name.startsWith(start))!;

describe('the layers and the house rules hold (DEVELOPERS.md, STYLE.md)', () => {
  it('the files read are the project (the rules see what they are about)', () => {
    const paths = sources.map((s) => s.path);
    expect(paths).toEqual(expect.arrayContaining(['src/domain/people.ts', 'src/app/use-case.ts', 'test/config/architecture.test.ts', 'bench/run.ts', 'README.md', '.env.example']));
    expect(importsOf(sources.find((s) => s.path === 'src/app/use-case.ts')!)).toContainEqual({ spec: '../domain/people.js', target: 'src/domain/people.js', typeOnly: false });
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    expect(check(r, sources)).toEqual([]);
  });
});

/** For each rule, a file that breaks it (caught) and one that keeps it (passes): a rule that catches nothing is no rule. */
const many = (n: number) => Array.from({ length: n }, (_, i) => `const x${i} = ${i};`).join('\n') + '\n';
const PLANTED: [rule: string, bad: Source, good: Source][] = [
  ['only botbuilder\'s own adapter files', { path: 'src/bot/sdk.ts', text: "import { createAdapter } from './adapter.js';" }, { path: 'src/bot/sdk.ts', text: "import type { AuthOverrides } from './adapter.js';\nconst parts = () => import('./botbuilder-parts.js');" }],
  ['only botbuilder\'s own adapter files', { path: 'src/bot/agents/x.ts', text: "import { MessageFactory } from 'botbuilder';" }, { path: 'src/bot/adapter.ts', text: "import { CloudAdapter } from 'botbuilder';" }],
  ['only botbuilder\'s own adapter files', { path: 'src/bot/agents/x.ts', text: "const { MessageFactory } = requireCommonJs('botbuilder') as typeof Botbuilder;" }, { path: 'src/bot/agents/x.ts', text: "import type * as Botbuilder from 'botbuilder';" }],
  ['the domain imports only', { path: 'src/domain/x.ts', text: "import type { Clock } from '../ports/clock.js';" }, { path: 'src/domain/x.ts', text: "import { fail } from './errors.js';" }],
  ['the domain imports only', { path: 'src/domain/x.ts', text: "import { produce } from 'immer';" }, { path: 'src/domain/sub/x.ts', text: "import type { Inventory } from '../inventory.js';" }],
  ['ports import only', { path: 'src/ports/x.ts', text: "import type { Logger } from '../observability/logger.js';" }, { path: 'src/ports/x.ts', text: "import type { Inventory } from '../domain/inventory.js';\nimport type { Clock } from './clock.js';" }],
  ['use cases', { path: 'src/app/people/x.ts', text: "import { refuse } from '../../chat/refusals.js';" }, { path: 'src/app/people/x.ts', text: "import { changeAs } from '../use-case.js';\nimport type { Locale } from '../../i18n/index.js';\nimport { SerialQueue } from '../../lib/serial-queue.js';" }],
  ['use cases', { path: 'src/app/x.ts', text: "import {\n  LowdbInventoryRepository,\n} from '../infra/store/lowdb-inventory-repository.js';" }, { path: 'src/app/x.ts', text: "import { randomUUID } from 'node:crypto';" }],
  ['use cases', { path: 'src/app/x.ts', text: "import type restify from 'restify';" }, { path: 'src/app/x.ts', text: "export { record } from './use-case.js';" }],
  ['chat and the tab', { path: 'src/chat/x.ts', text: "const { LowdbWorkStore } = await import('../infra/store/lowdb-work-store.js');" }, { path: 'src/chat/x.ts', text: "import type { WorkStore } from '../ports/work-store.js';" }],
  ['chat and the tab', { path: 'src/http/tab-routes.ts', text: "import { AesGcmKeySealer } from '../infra/crypto/aes-gcm-key-sealer.js';" }, { path: 'src/http/server.ts', text: "import { AesGcmKeySealer } from '../infra/crypto/aes-gcm-key-sealer.js';" }],
  ['only the bot adapter layer', { path: 'src/chat/x.ts', text: "const { CardFactory } = requireCommonJs('botbuilder') as typeof Botbuilder;" }, { path: 'src/bot/x.ts', text: "const { CardFactory } = requireCommonJs('botbuilder') as typeof Botbuilder;" }],
  ['only the bot adapter layer', { path: 'src/chat/x.ts', text: "import { CardFactory } from 'botbuilder';" }, { path: 'src/bot/x.ts', text: "import { CardFactory } from 'botbuilder';\nimport { AuthenticationError } from 'botframework-connector';" }],
  ['only the bot adapter layer', { path: 'src/http/x.ts', text: "export type { Activity } from 'botframework-schema';" }, { path: 'src/http/x.ts', text: "import restify from 'restify';" }],
  ['only the bot adapter layer (src/bot) imports the Microsoft 365 Agents SDK', { path: 'src/http/x.ts', text: "import { CloudAdapter } from '@microsoft/agents-hosting';" }, { path: 'src/bot/agents/x.ts', text: "import { CloudAdapter } from '@microsoft/agents-hosting';\nimport type { Activity } from '@microsoft/agents-activity';" }],
  ['only the bot adapter layer (src/bot) imports the Microsoft 365 Agents SDK', { path: 'src/composition/x.ts', text: "const { Activity } = await import('@microsoft/agents-activity');" }, { path: 'src/composition/x.ts', text: "import { messageEndpoint } from '../bot/sdk.js';" }],
  ['only the storage adapters', { path: 'src/app/x.ts', text: "import { Low } from 'lowdb';" }, { path: 'src/infra/store/x.ts', text: "import { Low } from 'lowdb';\nimport { JSONFile } from 'lowdb/node';" }],
  ['only the storage adapters', { path: 'src/host.ts', text: "import pg from 'pg';" }, { path: 'src/host.ts', text: "import { LowdbWorkStore } from './infra/store/lowdb-work-store.js';" }],
  ['src/lib imports nothing', { path: 'src/lib/x.ts', text: "import type { Logger } from '../observability/logger.js';" }, { path: 'src/lib/x.ts', text: "import { setTimeout } from 'node:timers/promises';\nimport { y } from './y.js';" }],
  ['settings are read', { path: 'src/chat/x.ts', text: 'const debug = process.env.DEBUG;' }, { path: 'src/index.ts', text: 'const config = loadConfig(process.env);' }],
  ['no file over', { path: 'test/e2e/x.test.ts', text: many(MAX_LINES + 1) }, { path: 'bench/x.ts', text: many(MAX_LINES) }],
  ['no file over', { path: 'scripts/x.mjs', text: many(MAX_LINES + 1) }, { path: 'src/i18n/locales/en-US.ts', text: many(MAX_LINES * 2) }],
  ['no ticket references', { path: 'src/chat/x.ts', text: `// fixed for Issue ${12}: the card showed twice` }, { path: 'src/chat/x.ts', text: '// a card shows once: a second one would read as two changes' }],
  ['no ticket references', { path: 'README.md', text: `Since ${'#'}42 the bot answers in Japanese.` }, { path: 'README.md', text: '## Japanese\n\nSee docs/x.md#setup; &#39; is an apostrophe; 5 issues left.' }],
  ['no ticket references', { path: 'cards/x.json', text: `{ "text": "see #${7}" }` }, { path: 'cards/x.json', text: '{ "text": "Seat 7 of 10", "color": "accent" }' }],
  ['no ticket references', { path: 'jest.config.js', text: `// issue ${8}: the suite builds once` }, { path: 'package.json', text: '{ "version": "1.0.0" }' }],
];

describe('each rule catches a violation planted in a synthetic file, and lets a good one pass', () => {
  it('every rule has a planted case', () => {
    expect(RULES.filter((r) => !PLANTED.some(([name]) => r.name.startsWith(name))).map((r) => r.name)).toEqual([]);
  });

  it.each(PLANTED.map(([name, bad, good]) => [name, bad.path, bad, good] as const))('%s: %s', (name, _path, bad, good) => {
    const r = rule(name);
    expect(r.appliesTo(bad.path) && r.violations(bad).length).toBe(1);
    expect(check(r, [good])).toEqual([]);
  });
});
