import { posix } from 'node:path';

/** A file of the project: its path from the project root (with `/`), and its text. */
export interface Source {
  path: string;
  text: string;
}

export interface Import {
  /** As written: `./x.js`, `../domain/errors.js`, `botbuilder`. */
  spec: string;
  /** For a relative import, the file it names, from the project root; absent for a package. */
  target?: string;
  /** `import type …` / `export type … from`: erased, so it costs nothing at run time. */
  typeOnly: boolean;
  /** `import('…')`: loaded when the code asks for it, not with the file. */
  dynamic?: true;
}

/** A rule of the house: which files it reads, and what in one of them breaks it (pure, so a test can plant a bad file). */
export interface Rule {
  name: string;
  appliesTo(path: string): boolean;
  violations(source: Source): string[];
}

const STATEMENT = /(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|\brequireCommonJs\(\s*'([^']+)'\s*\)/g;

/** Every module a TypeScript file imports or re-exports, static or dynamic; a CommonJS package loaded with `requireCommonJs` (src/lib/commonjs.ts) is imported with the file. */
export function importsOf(source: Source): Import[] {
  return [...source.text.matchAll(STATEMENT)].map((m) => {
    const spec = (m[2] ?? m[3] ?? m[4])!;
    const target = spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(source.path), spec)) : undefined;
    return { spec, typeOnly: Boolean(m[1]), ...(target ? { target } : {}), ...(m[3] ? { dynamic: true as const } : {}) };
  });
}

const under = (path: string, ...dirs: string[]) => dirs.some((dir) => path.startsWith(`${dir}/`) || path === dir);
const isTs = (path: string) => path.endsWith('.ts');

/** A layer may import (from the project) only the folders it names; `packages` says which packages it may use. */
function layerRule(name: string, layer: string[], allowed: { project: (target: string, i: Import) => boolean; packages: (spec: string) => boolean }): Rule {
  return {
    name,
    appliesTo: (path) => isTs(path) && layer.some((l) => (l.endsWith('.ts') ? path === l : under(path, l))),
    violations: (source) =>
      importsOf(source)
        .filter((i) => (i.target ? !allowed.project(i.target, i) : !allowed.packages(i.spec)))
        .map((i) => `${source.path} imports ${i.spec}`),
  };
}

/** Whoever (in src) may import a package: everyone else is in breach. */
function packageOwnerRule(name: string, pkg: RegExp, owners: string[]): Rule {
  return {
    name,
    appliesTo: (path) => isTs(path) && under(path, 'src') && !under(path, ...owners),
    violations: (source) => importsOf(source).filter((i) => !i.target && pkg.test(i.spec)).map((i) => `${source.path} imports ${i.spec}`),
  };
}

/** What a use case must know nothing of: the channel, HTTP, storage engines. */
const TRANSPORT_OR_STORAGE = /^(botbuilder|botframework-|adaptivecards|@microsoft\/|restify|lowdb|pg$|pg\/)/;

export const TICKET = [/\bissue \d+\b/i, /(?<![&\w#/])#\d+(?![\w-])/];
export const MAX_LINES = 300;

/** The files of botbuilder's adapter, loaded together by src/bot/sdk.ts only when BOT_SDK=botbuilder. */
const BOTBUILDER_SIDE = ['src/bot/adapter.ts', 'src/bot/kept-clients.ts', 'src/bot/benefits-activity-handler.ts', 'src/bot/botbuilder-parts.ts'];

export const RULES: Rule[] = [
  layerRule('the domain imports only the domain', ['src/domain'], {
    project: (target) => under(target, 'src/domain'),
    packages: () => false,
  }),
  layerRule('ports import only the domain and other ports', ['src/ports'], {
    project: (target) => under(target, 'src/domain', 'src/ports'),
    packages: () => false,
  }),
  layerRule('use cases (src/app) import only the domain, ports, lib, i18n, observability and src/app', ['src/app'], {
    project: (target) => under(target, 'src/domain', 'src/ports', 'src/lib', 'src/i18n', 'src/observability', 'src/app'),
    packages: (spec) => !TRANSPORT_OR_STORAGE.test(spec),
  }),
  layerRule('chat and the tab never import the storage adapters (src/infra)', ['src/chat', 'src/tab', 'src/http/tab-routes.ts'], {
    project: (target) => !under(target, 'src/infra'),
    packages: (spec) => !/^(lowdb|pg$|pg\/)/.test(spec),
  }),
  packageOwnerRule('only the bot adapter layer (src/bot) imports botbuilder / botframework-*', /^(botbuilder|botframework-)/, ['src/bot']),
  packageOwnerRule('only the bot adapter layer (src/bot) imports the Microsoft 365 Agents SDK (@microsoft/agents-*)', /^@microsoft\/agents-/, ['src/bot']),
  {
    // sdk.ts loads one SDK's parts on demand: the Agents SDK's bot then loads no botbuilder module (~250 ms of a start).
    name: 'only botbuilder\'s own adapter files load botbuilder / botframework-* (the rest of src/bot: types, or on demand)',
    appliesTo: (path) => isTs(path) && under(path, 'src/bot') && !BOTBUILDER_SIDE.includes(path),
    violations: (source) =>
      importsOf(source)
        .filter((i) => !i.typeOnly && !i.dynamic && (i.target ? BOTBUILDER_SIDE.includes(i.target.replace(/\.js$/, '.ts')) : /^(botbuilder|botframework-)/.test(i.spec)))
        .map((i) => `${source.path} loads ${i.spec}`),
  },
  packageOwnerRule('only the storage adapters (src/infra) import lowdb / pg', /^(lowdb|pg$|pg\/)/, ['src/infra']),
  layerRule('src/lib imports nothing of the project', ['src/lib'], {
    project: (target) => under(target, 'src/lib'),
    packages: () => true,
  }),
  {
    name: 'settings are read from the environment only where the process starts (config is passed in)',
    appliesTo: (path) => isTs(path) && under(path, 'src') && !['src/index.ts', 'src/lib/compile-cache-hook.ts', 'src/cli/cli-context.ts', 'src/cli/package-app.ts'].includes(path),
    violations: (source) => (source.text.includes('process.env') ? [`${source.path} reads process.env`] : []),
  },
  {
    name: `no file over ${MAX_LINES} lines (src, test, bench, scripts; the locale catalogs excepted)`,
    appliesTo: (path) => under(path, 'src', 'test', 'bench', 'scripts') && !under(path, 'src/i18n/locales') && !/\.(png|jpe?g|gif|ico|zip)$/.test(path),
    violations: (source) => {
      const lines = source.text.split('\n').length - (source.text.endsWith('\n') ? 1 : 0);
      return lines > MAX_LINES ? [`${source.path}: ${lines} lines`] : [];
    },
  },
  {
    name: 'no ticket references (code, tests, docs, cards, the project\'s own config files): history is in git log',
    appliesTo: (path) =>
      (under(path, 'src', 'test', 'bench', 'scripts', 'cards') && !/\.(png|jpe?g|gif|ico|zip)$/.test(path)) ||
      /^docs\/[^/]+\.md$/.test(path) ||
      path === 'README.md' ||
      path === '.env.example' ||
      /^[\w.-]+\.(c?js|mjs|json)$/.test(path),
    violations: (source) =>
      source.text.split('\n').flatMap((line, n) => (TICKET.some((re) => re.test(line)) ? [`${source.path}:${n + 1}: ${line.trim().slice(0, 120)}`] : [])),
  },
];

/** The violations of every rule by the given files, rule by rule. */
export function check(rule: Rule, sources: Source[]): string[] {
  return sources.filter((s) => rule.appliesTo(s.path)).flatMap((s) => rule.violations(s));
}
