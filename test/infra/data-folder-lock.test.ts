import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { acquireDataFolderLock, DataFolderInUseError, type DataFolderLock } from '../../src/infra/store/data-folder-lock.js';
import { projectPath } from '../../src/lib/paths.js';

/**
 * A second bot is a second process: the lock module, compiled on its own (it imports only node:*),
 * is run by a tiny script in a child process that takes the lock, says so, and holds it until told.
 */
const work = mkdtempSync(join(tmpdir(), 'lock-script-'));
const SCRIPT = join(work, 'take-lock.mjs');
beforeAll(() => {
  const source = readFileSync(projectPath('src', 'infra', 'store', 'data-folder-lock.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
  writeFileSync(join(work, 'data-folder-lock.mjs'), outputText);
  writeFileSync(
    SCRIPT,
    `import { acquireDataFolderLock } from './data-folder-lock.mjs';
try {
  const lock = acquireDataFolderLock(process.argv[2], { warn: (_d, m) => console.log('WARN ' + m) });
  console.log('LOCKED ' + process.pid);
  process.stdin.on('data', () => {
    if (process.argv[3] !== 'exit-without-release') lock.release();
    console.log('RELEASED');
    process.exit(0);
  });
} catch (error) {
  console.log('REFUSED ' + error.message);
  process.exit(3);
}
`,
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first line starting with one of `prefixes`. */
  waitFor(...prefixes: string[]): Promise<string>;
  exited: Promise<number | null>;
}

function child(dir: string, mode = ''): Child {
  const proc = spawn(process.execPath, [SCRIPT, dir, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: { prefixes: string[]; resolve(line: string): void }[] = [];
  proc.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.prefixes.some((p) => line.startsWith(p)))) w.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    process: proc,
    lines,
    exited,
    waitFor: (...prefixes) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => prefixes.some((p) => l.startsWith(p)));
        if (seen) return resolve(seen);
        waiters.push({ prefixes, resolve });
        void exited.then(() => reject(new Error(`the child exited; it said: ${lines.join(' | ')}`)));
      }),
  };
}

let dir: string;
let locks: DataFolderLock[];
let children: Child[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'data-folder-'));
  locks = [];
  children = [];
});
afterEach(async () => {
  for (const lock of locks) lock.release();
  for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  rmSync(dir, { recursive: true, force: true });
});
const take = (logger?: { warn(details: object, message: string): void }) => {
  const lock = acquireDataFolderLock(dir, logger);
  locks.push(lock);
  return lock;
};
const start = (mode?: string) => {
  const c = child(dir, mode);
  children.push(c);
  return c;
};
const IN_USE = (pid: number) =>
  new RegExp(`^The data folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another running bot \\(pid ${pid}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\\. Stop it first, or give this one another DATA_DIR\\.$`);

describe('one bot per data folder', () => {
  it('a second process on a folder that a running bot holds is refused with a sentence naming the folder and the holder', async () => {
    const first = start();
    const pid = Number((await first.waitFor('LOCKED')).split(' ')[1]);
    expect(pid).toBe(first.process.pid);
    let refusal: unknown;
    try {
      take();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    expect((refusal as Error).message).toMatch(IN_USE(pid));
    // Released on stop: the folder is free for the next one.
    first.process.stdin!.write('stop\n');
    await first.waitFor('RELEASED');
    await first.exited;
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    const lock = take();
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
  });

  it('this bot holding the folder: a second process gets the sentence and stops', async () => {
    take();
    const second = start();
    const said = await second.waitFor('REFUSED', 'LOCKED');
    expect(said.replace(/^REFUSED /, '')).toMatch(IN_USE(process.pid));
    expect(await second.exited).toBe(3);
  });

  it('a lock left by a bot that died (its pid is gone) is stale: taken over, with a log line', async () => {
    const dead = start();
    const pid = Number((await dead.waitFor('LOCKED')).split(' ')[1]);
    dead.process.kill('SIGKILL');
    await dead.exited;
    expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8'))).toMatchObject({ pid });
    const warnings: string[] = [];
    const lock = take({ warn: (_details, message) => warnings.push(message) });
    expect(warnings).toEqual([`data folder lock: the bot that held it (pid ${pid}) is not running any more; taken over`]);
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid });
    // …and the next process is refused by the new holder.
    const next = start();
    expect((await next.waitFor('REFUSED', 'LOCKED')).replace(/^REFUSED /, '')).toMatch(IN_USE(process.pid));
  });

  it('a lock whose pid is alive but was written before this machine started is stale (pids are reused after a reboot)', () => {
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2001-01-01T00:00:00.000Z' }));
    const warnings: string[] = [];
    take({ warn: (_d, m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
  });

  it('a lock naming this very pid but not taken by this process is stale (a container restarted: pid 1 again)', () => {
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    const warnings: string[] = [];
    const lock = take({ warn: (_d, m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(() => acquireDataFolderLock(dir)).toThrow(IN_USE(process.pid));
    lock.release();
    take();
  });

  it('a lock of another host cannot be checked: it is respected, and the sentence names the host', () => {
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: 4242, host: 'bot-vm-2', since: '2026-11-30T08:00:00.000Z' }));
    expect(() => take()).toThrow(`The data folder ${dir} is in use by another running bot (pid 4242 on bot-vm-2, since 2026-11-30T08:00:00.000Z). Stop it first, or give this one another DATA_DIR.`);
  });

  it('a bot that exits without releasing (an uncaught error, process.exit) leaves no lock behind', async () => {
    const c = start('exit-without-release');
    await c.waitFor('LOCKED');
    c.process.stdin!.write('stop\n');
    expect(await c.exited).toBe(0);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('release removes only our own lock, and twice is harmless', () => {
    const lock = take();
    writeFileSync(lock.file, JSON.stringify({ pid: 4242, host: 'bot-vm-2', since: '2026-11-30T08:00:00.000Z' }));
    lock.release();
    expect(existsSync(lock.file)).toBe(true);
    rmSync(lock.file);
    const again = take();
    again.release();
    again.release();
    expect(existsSync(again.file)).toBe(false);
  });

  it('two processes starting on one free folder at once: exactly one gets it', async () => {
    const both = [start(), start()];
    const said = await Promise.all(both.map((c) => c.waitFor('LOCKED', 'REFUSED')));
    expect(said.map((l) => l.split(' ')[0]).sort()).toEqual(['LOCKED', 'REFUSED']);
  });

  it('two processes taking over one stale lock at once: exactly one gets it', async () => {
    for (let round = 0; round < 3; round++) {
      writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: new Date().toISOString() }));
      const both = [start(), start()];
      const said = await Promise.all(both.map((c) => c.waitFor('LOCKED', 'REFUSED')));
      expect(said.map((l) => l.split(' ')[0]).sort()).toEqual(['LOCKED', 'REFUSED']);
      for (const c of both) c.process.kill('SIGKILL');
      await Promise.all(both.map((c) => c.exited));
      children = [];
    }
  });
});
