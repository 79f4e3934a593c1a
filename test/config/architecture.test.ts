import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectPath } from '../../src/paths.js';

const SRC = projectPath('src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
const sources = files(SRC).map((f) => ({ path: relative(SRC, f), imports: imports(f) }));

describe('the layers hold (DEVELOPERS.md, STYLE.md)', () => {
  it('botbuilder is imported only by the bot adapter layer (src/bot), so the Agents SDK can replace it there', () => {
    const outside = sources.filter((s) => !s.path.startsWith('bot/') && s.imports.some((i) => /^(botbuilder|botframework-)/.test(i)));
    expect(outside.map((s) => s.path)).toEqual([]);
  });

  it('lowdb is imported only by the storage adapters (src/infra/store)', () => {
    const outside = sources.filter((s) => !s.path.startsWith('infra/store/') && s.imports.some((i) => i.startsWith('lowdb')));
    expect(outside.map((s) => s.path)).toEqual([]);
  });

  it('the domain imports nothing but the domain', () => {
    const leaking = sources.filter((s) => s.path.startsWith('domain/') && s.imports.some((i) => !i.startsWith('./')));
    expect(leaking.map((s) => `${s.path}: ${s.imports.filter((i) => !i.startsWith('./')).join(', ')}`)).toEqual([]);
  });

  it('settings are read from the environment only where the process starts (config is passed in)', () => {
    const readers = sources.filter((s) => readFileSync(join(SRC, s.path), 'utf8').includes('process.env')).map((s) => s.path);
    expect(readers.sort()).toEqual(['cli/cli-context.ts', 'cli/package-app.ts', 'index.ts']);
  });
});
