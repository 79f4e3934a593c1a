import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/lib/paths.js';
import { sdkUnderTest } from './sdk-under-test.js';

/** The built bot, as `npm start` runs it (test/security/build-once.js builds it before the suite). */
export const BUILT_BOT = projectPath('dist', 'src', 'index.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real bot in a child process: `node dist/src/index.js`, with only the environment given (plus PATH,
 * HOME and BOT_SDK, the SDK under test), run from an empty folder so that no developer's .env is read. Its output is kept line by
 * line for the secrets scan.
 */
export class SpawnedBot {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private ready?: Promise<string>;

  constructor(env: Record<string, string>, args: string[] = []) {
    const cwd = mkdtempSync(join(tmpdir(), 'benefits-cwd-'));
    this.child = spawn(process.execPath, ['--disable-warning=DEP0111', BUILT_BOT, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, BOT_SDK: sdkUnderTest(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (into: string[]) => {
      let partial = '';
      return (chunk: Buffer) => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        into.push(...lines.filter(Boolean));
      };
    };
    this.child.stdout!.on('data', collect(this.stdout));
    this.child.stderr!.on('data', collect(this.stderr));
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the bot's base URL once it logged "bot ready"; rejects if it exits first. */
  url(): Promise<string> {
    this.ready ??= new Promise<string>((resolve, reject) => {
      const look = () => {
        for (const line of this.stdout) {
          try {
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.msg === 'bot ready' && entry.url) {
              clearInterval(timer);
              return resolve(entry.url.replace(/\/api\/messages$/, ''));
            }
          } catch {
            /* not a log line */
          }
        }
        return undefined;
      };
      const timer: NodeJS.Timeout = setInterval(look, 10);
      void this.exited.then((exit) => {
        clearInterval(timer);
        reject(new Error(`the bot exited (${exit.code ?? exit.signal}) before it was ready:\n${[...this.stdout, ...this.stderr].join('\n')}`));
      });
    });
    return this.ready;
  }

  /** SIGKILL: no handler runs, nothing is flushed; what is on disk is what an acknowledged write left. */
  kill(): Promise<Exit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM: the bot's own shutdown (it closes its stores and exits 0). */
  stop(): Promise<Exit> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** Runs the bot until it exits by itself (a refused configuration), or fails after `timeoutMs`. */
export async function runUntilExit(env: Record<string, string>, args: string[] = [], timeoutMs = 15_000): Promise<Exit & { stdout: string; stderr: string }> {
  const bot = new SpawnedBot(env, args);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void bot.kill();
      reject(new Error(`the bot was still running after ${timeoutMs} ms:\n${bot.stdout.join('\n')}`));
    }, timeoutMs);
  });
  try {
    const exit = await Promise.race([bot.exited, timeout]);
    return { ...exit, stdout: bot.stdout.join('\n'), stderr: bot.stderr.join('\n') };
  } finally {
    clearTimeout(timer);
  }
}

/** POSTs JSON (an object, or raw text as is) and reads the answer: JSON when it is JSON. */
export async function postJson(url: string, body: object | string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  try {
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: res.status, body: text };
  }
}

/** Waits until `condition` holds (checked every few ms), or fails after `timeoutMs` saying what it waited for. */
export async function until(condition: () => boolean, timeoutMs = 10_000, what = condition.toString()): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
