import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpawnedBot } from '../support/spawned-bot.js';
import { DEMO_FILE } from '../support/demo.js';

/**
 * A restart compiles the dependencies with the code V8 made for them on the start before
 * (src/lib/compile-cache.ts), on the real process: the bot's heap flag, set once it is ready, once
 * stamped every saved entry with flags the next start did not have, and V8 refused them all, so that
 * every start compiled ~1,800 modules anew (~300 ms of a 1.3 s restart) with nothing to show for it.
 * Node 22 and later have their own cache (module.enableCompileCache), which keeps no such counts.
 */
const nodeHasItsOwn = typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

interface CompiledLine {
  msg?: string;
  compileCache?: { reused: number; rejected: number; fresh: number };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startAndStop(env: Record<string, string>): Promise<NonNullable<CompiledLine['compileCache']>> {
  const bot = new SpawnedBot(env);
  try {
    await bot.url();
    const line = bot.stdout.map((text) => JSON.parse(text) as CompiledLine).find((entry) => entry.msg === 'dependencies compiled');
    if (!line?.compileCache) throw new Error(`no "dependencies compiled" line:\n${bot.stdout.join('\n')}`);
    return line.compileCache;
  } finally {
    await bot.stop();
  }
}

(nodeHasItsOwn ? describe.skip : describe)('the code cache of the dependencies', () => {
  beforeAll(async () => {
    // The real process needs the build of these sources (done once per run, as for the security suite).
    const builder: string = '../security/build-once.js';
    ((await import(builder)) as { default: () => void }).default();
  }, 120_000);

  it('is used whole by the next start, after the first start wrote it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benefits-compile-cache-'));
    dirs.push(dir);
    const env = {
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      NODE_COMPILE_CACHE: join(dir, 'cache'),
      BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      INVENTORY_SEED_FILE: DEMO_FILE,
      DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
      LOG_LEVEL: 'debug',
    };
    const first = await startAndStop(env);
    expect(first).toEqual({ reused: 0, rejected: 0, fresh: expect.any(Number) });
    expect(first.fresh).toBeGreaterThan(500);

    // A restart loads fewer modules than the first start, which also imported the seed file.
    const second = await startAndStop(env);
    expect(second).toEqual({ reused: expect.any(Number), rejected: 0, fresh: 0 });
    expect(second.reused).toBeGreaterThan(500);
  }, 60_000);
});
