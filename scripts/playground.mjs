// `npm run playground [-- --as kenta] [-- --locale ja-JP]`: the bot (local mode, demo data) and the
// Microsoft 365 Agents Playground beside it, as any demo person, in English or Japanese. Ctrl+C stops both.
// - The person: the Playground shows a blank page when its currentUser is also one of its `users`, so
//   the config is written per person (.playground/<person>/.m365agentsplayground.yml) with the others.
// - The language: Playground 0.2.28 always sends en-US, so a small proxy between it and the bot sets
//   the locale of every activity.
// - The ports: the Playground silently moves to another port when its own is taken, so a free one is
//   chosen first and printed; a busy bot PORT gets a sentence.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TENANT = '7b6c1a2e-3f4d-4e5a-9b8c-0d1e2f3a4b5c';
/** The demo inventory's people (demo/inventory.json), with what each one's role lets them see. */
const PEOPLE = [
  { key: 'misaki', name: '佐藤 美咲 (Misaki Sato)', email: 'misaki.sato@fabrikam.co.jp', oid: 'a1f0c6d2-0001-4c1e-9a11-3b5d7e9f1a01', given: 'Misaki', surname: 'Sato', role: 'Global admin' },
  { key: 'emily', name: 'Emily Clark', email: 'emily.clark@fabrikam.co.jp', oid: 'a1f0c6d2-0002-4c1e-9a11-3b5d7e9f1a02', given: 'Emily', surname: 'Clark', role: 'Global admin + MPN partner admin' },
  { key: 'kenta', name: '鈴木 健太 (Kenta Suzuki)', email: 'kenta.suzuki@fabrikam.co.jp', oid: 'a1f0c6d2-0003-4c1e-9a11-3b5d7e9f1a03', given: 'Kenta', surname: 'Suzuki', role: 'MPN partner admin' },
  { key: 'yumi', name: '高橋 由美 (Yumi Takahashi)', email: 'yumi.takahashi@fabrikam.co.jp', oid: 'a1f0c6d2-0004-4c1e-9a11-3b5d7e9f1a04', given: 'Yumi', surname: 'Takahashi', role: 'User admin' },
  { key: 'sho', name: '田中 翔 (Sho Tanaka)', email: 'sho.tanaka@fabrikam.co.jp', oid: 'a1f0c6d2-0005-4c1e-9a11-3b5d7e9f1a05', given: 'Sho', surname: 'Tanaka', role: 'Admin agent' },
  { key: 'naoki', name: '伊藤 直樹 (Naoki Ito)', email: 'naoki.ito@fabrikam.co.jp', oid: 'a1f0c6d2-0006-4c1e-9a11-3b5d7e9f1a06', given: 'Naoki', surname: 'Ito', role: 'no role' },
];

function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(2);
}

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = process.argv[at + 1];
  if (!value || value.startsWith('--')) fail(`--${name} needs a value.`);
  return value;
}

const who = option('as', 'misaki').toLowerCase();
const person = PEOPLE.find((p) => p.key === who || p.email.startsWith(`${who}.`));
if (!person) fail(`--as ${who}: not a demo person. Choose one of: ${PEOPLE.map((p) => `${p.key} (${p.role})`).join(', ')}.`);
const locale = option('locale', 'en-US');
if (!/^(en-US|ja-JP)$/.test(locale)) fail(`--locale ${locale}: the bot speaks en-US and ja-JP.`);

const yamlUser = (p, indent) => [`id: user-${p.key}`, `name: ${p.name}`, `userPrincipleName: ${p.email}`, `aadObjectId: ${p.oid}`, `givenName: ${p.given}`, `surname: ${p.surname}`, `email: ${p.email}`].map((l, i) => `${i === 0 ? indent.slice(0, -2) + '- ' : indent}${l}`).join('\n');
const config = [
  '# Written by scripts/playground.mjs (npm run playground -- --as NAME): the person speaking and the other demo people.',
  'version: "0.1.1"',
  `tenantId: ${TENANT}`,
  'bot:\n  id: 28:partner-benefits-bot\n  name: Partner Benefits',
  'currentUser:\n' + yamlUser(person, '    ').replace(/^  - /, '  ').replace(/\n {4}/g, '\n  '),
  'users:\n' + PEOPLE.filter((p) => p !== person).map((p) => yamlUser(p, '    ')).join('\n'),
  `personalChat:\n  id: personal-chat-${person.key}`,
  'groupChat:\n  id: group-chat-benefits\n  name: Partner admins',
  'team:\n  id: team-partner-office\n  name: Partner office\n  aadGroupId: 5c0de000-0000-4000-8000-000000000031\n  channels:\n    - id: channel-general\n      name: General',
].join('\n') + '\n';
const folder = join(root, '.playground', person.key);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, '.m365agentsplayground.yml'), config);

function isFree(port) {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const botPort = Number(process.env.PORT ?? 3978);
if (!(await isFree(botPort))) fail(`PORT: port ${botPort} is already in use by another program (another bot?). Stop it, or choose another: PORT=3979 npm run playground.`);
const wanted = Number(process.env.PLAYGROUND_PORT ?? 56150);
const playgroundPort = (await isFree(wanted)) ? wanted : await freePort();

// The locale proxy: every activity reaches the bot with the chosen locale.
const proxy = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body = Buffer.concat(chunks);
    if ((req.headers['content-type'] ?? '').includes('json') && body.length) {
      try {
        const activity = JSON.parse(body.toString('utf8'));
        activity.locale = locale;
        for (const entity of activity.entities ?? []) if (entity?.type === 'clientInfo') entity.locale = locale;
        body = Buffer.from(JSON.stringify(activity));
      } catch {
        /* not JSON: forwarded as it came, for the bot to refuse */
      }
    }
    const headers = { ...req.headers, 'content-length': String(body.length) };
    const upstream = request({ host: '127.0.0.1', port: botPort, path: req.url, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the bot is not answering');
    });
    upstream.end(body);
  });
});
const proxyPort = await freePort();
await new Promise((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));

const children = [];
const stopAll = (signal = 'SIGTERM') => {
  for (const c of children) if (c.exitCode === null) c.kill(signal);
  proxy.close();
};
const run = (args, options) => {
  const child = spawn(process.execPath, args, { stdio: 'inherit', ...options });
  children.push(child);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 0;
    if (children.some((c) => c !== child && c.exitCode === null)) process.stderr.write(`${args[args.length - 1] === '--local' ? 'the bot' : 'the Agents Playground'} exited (${code ?? signal}); stopping.\n`);
    stopAll();
  });
  return child;
};

run(['--disable-warning=DEP0111', join(root, 'dist', 'src', 'index.js'), '--local'], { cwd: root, env: { ...process.env, PORT: String(botPort) } });
// On a machine with no desktop the Playground cannot open a browser (and exits): just print the address.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const browserEnv = headless && !process.env.TEAMSAPPTESTER_BROWSER ? { TEAMSAPPTESTER_BROWSER: 'none' } : {};
run([join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'), '-e', `http://127.0.0.1:${proxyPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'], { cwd: folder, env: { ...process.env, ...browserEnv } });
process.stdout.write(
  `Agents Playground: http://localhost:${playgroundPort}${playgroundPort !== wanted ? ` (port ${wanted} was taken)` : ''}\n` +
    `  as ${person.name}, ${person.role}, in ${locale}; the bot at http://127.0.0.1:${botPort}/api/messages\n`,
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
