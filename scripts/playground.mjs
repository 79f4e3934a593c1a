// `npm run playground`: the bot (local mode, demo data) and the Microsoft 365 Agents Playground beside it.
// Open the address the playground prints; Ctrl+C stops both.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3978';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const children = [];
const run = (cmd, args, env = {}) => {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code, signal) => {
    console.error(`${cmd} ${args[args.length - 1]} exited (${code ?? signal})`);
    for (const c of children) if (c !== child) c.kill('SIGTERM');
    process.exitCode = code ?? 0;
  });
  return child;
};

run(process.execPath, ['--disable-warning=DEP0111', 'dist/src/index.js', '--local'], { PORT: port });
// On a machine with no desktop the playground cannot open a browser (and exits): just print the address.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const browserEnv = headless && !process.env.TEAMSAPPTESTER_BROWSER ? { TEAMSAPPTESTER_BROWSER: 'none' } : {};
console.log(`Agents Playground: http://localhost:${playgroundPort} (bot at http://127.0.0.1:${port}/api/messages)`);
run(process.execPath, [
  'node_modules/@microsoft/m365agentsplayground/cli.js',
  '-e', `http://127.0.0.1:${port}/api/messages`,
  '-c', 'msteams',
  '-p', playgroundPort,
  '--disable-telemetry',
], browserEnv);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));
