// The servers a run measures, each a child process: never left running, whatever way the run ends (run.ts kills them on exit).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const children = new Set<ChildProcess>();
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

export interface Server {
  child: ChildProcess;
  port: number;
  readyMs: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(port: number, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return performance.now() - started;
    } catch {
      /* not yet */
    }
    await sleep(10);
  }
}

let nextPort = 4100 + Math.floor(Math.random() * 500);
export async function startProcess(args: string[], env: Record<string, string> = {}): Promise<Server> {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), ...args.map((a) => a.replace('$PORT', String(port)))], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const readyMs = await waitReady(port, child, started);
  return { child, port, readyMs };
}

export async function stopProcess(server: Server): Promise<number> {
  const peakKb = peakRssKb(server.child.pid!);
  server.child.kill('SIGTERM');
  await new Promise((r) => (server.child.exitCode !== null ? r(undefined) : server.child.once('exit', r)));
  return peakKb;
}

/** VmHWM: the process's peak resident memory so far. */
export function peakRssKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU time the process has used so far (user + system), in ms: per request, a cost that other load on the machine barely moves. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}
