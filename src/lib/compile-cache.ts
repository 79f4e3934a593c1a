import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import vm from 'node:vm';

/**
 * V8's code cache for the dependencies' CommonJS modules (botbuilder, restify, adaptive-expressions …):
 * compiling their ~1,500 files was about half of a restart (~600 ms of ~1.2 s on this machine). Node 22
 * has this built in (`module.enableCompileCache`), and it is used there; Node 20 has not, so the
 * dependencies' modules are compiled here with the code V8 made for them last time, when their source is
 * the same (a SHA-1 of it is kept with each entry; V8 itself refuses code made by another V8 or flags).
 * Only files under node_modules: the project's own modules are ES modules, which Node compiles itself.
 * Everything is best effort: a missing, damaged or unwritable cache only means compiling as before.
 */

interface CjsModule {
  require(id: string): unknown;
  exports: unknown;
}
interface ModuleClass {
  prototype: { _compile(this: CjsModule, content: string, filename: string, format?: string): unknown };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (dir?: string) => unknown;
}

interface Entry {
  hash: string;
  data: Buffer;
}

/** The dependencies' modules loaded so far: compiled with the code of the last run, refused it, or had none. */
export interface CompileCacheStats {
  reused: number;
  rejected: number;
  fresh: number;
}

export interface CompileCache {
  /**
   * Writes what was compiled since the cache was read (once; later calls do nothing), and lets go of it.
   * Call it before any V8 flag is changed: V8 stamps the code it makes with its flags, and refuses, at
   * the next start, code stamped with flags the start does not have.
   */
  save(): void;
  stats(): CompileCacheStats;
}

export const noCompileCache: CompileCache = { save: () => undefined, stats: () => ({ reused: 0, rejected: 0, fresh: 0 }) };

export function enableCompileCache(dir: string): CompileCache {
  const Module = createRequire(import.meta.url)('node:module') as ModuleClass;
  if (Module.enableCompileCache) {
    try {
      Module.enableCompileCache(dir);
    } catch {
      /* compiled as without it */
    }
    return noCompileCache;
  }
  const file = join(dir, `cjs-${process.version}-${process.arch}-${cachedDataVersionTag()}.bin`);
  const known = readCache(file);
  const compiled = new Map<string, { hash: string; script: vm.Script }>();
  let changed = false;
  let saved = false;
  const counts: CompileCacheStats = { reused: 0, rejected: 0, fresh: 0 };
  const original = Module.prototype._compile;

  Module.prototype._compile = function compile(content, filename, format) {
    if (saved || format === 'module' || !filename.includes('/node_modules/')) return original.call(this, content, filename, format);
    const hash = createHash('sha1').update(content).digest('base64');
    const cached = known.get(filename);
    let script: vm.Script;
    try {
      // A hashbang line is only allowed at the very start of a script: inside the wrapper it is a comment.
      const source = content.startsWith('#!') ? `//${content}` : content;
      script = new vm.Script(Module.wrap(source), {
        filename,
        ...(cached?.hash === hash ? { cachedData: cached.data } : {}),
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // Not a script V8 takes this way (an ES module in a .js file …): Node's own path says what it is.
      return original.call(this, content, filename, format);
    }
    if (cached?.hash !== hash) counts.fresh++;
    else if (script.cachedDataRejected) counts.rejected++;
    else counts.reused++;
    if (cached?.hash !== hash || script.cachedDataRejected) changed = true;
    compiled.set(filename, { hash, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = requireOf(Module, this);
    return wrapper.call(this.exports, this.exports, require, this, filename, filename.slice(0, filename.lastIndexOf('/')));
  };

  return {
    save() {
      if (saved) return;
      saved = true;
      if (changed) {
        // The code V8 holds now includes the functions run so far (start-up and the first turns).
        const entries = new Map(known);
        for (const [filename, { hash, script }] of compiled) entries.set(filename, { hash, data: script.createCachedData() });
        writeCache(dir, file, entries);
      }
      compiled.clear();
      known.clear();
    },
    stats: () => ({ ...counts }),
  };
}

/** The `require` handed to a module, as Node's own makes it. */
function requireOf(Module: ModuleClass, mod: CjsModule): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => Module._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions as NodeJS.RequireExtensions;
  require.cache = Module._cache as NodeJS.Dict<NodeModule>;
  return require;
}

/** The file: a 4-byte length, an index in JSON ([filename, hash, length] in order), then the code of each. */
function readCache(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  try {
    const blob = readFileSync(file);
    const indexLength = blob.readUInt32LE(0);
    const index = JSON.parse(blob.toString('utf8', 4, 4 + indexLength)) as [string, string, number][];
    let at = 4 + indexLength;
    for (const [filename, hash, length] of index) {
      entries.set(filename, { hash, data: blob.subarray(at, at + length) });
      at += length;
    }
    if (at !== blob.length) entries.clear();
  } catch {
    entries.clear(); // none yet, or unreadable: compiled as without it
  }
  return entries;
}

function writeCache(dir: string, file: string, entries: Map<string, Entry>): void {
  try {
    mkdirSync(dir, { recursive: true });
    const list = [...entries];
    const index = Buffer.from(JSON.stringify(list.map(([filename, e]) => [filename, e.hash, e.data.length])));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(index.length, 0);
    // Another process may write it at the same moment: each writes its own file and renames it.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([length, index, ...list.map(([, e]) => e.data)]));
    renameSync(temp, file);
  } catch {
    /* a read-only or full disk: compiled as without it next time */
  }
}
