// `npm run atk -- <command>`: the Microsoft 365 Agents Toolkit CLI (provision, deploy, package, validate,
// preview …) pinned in tools/atk/, installed there on first use with --ignore-scripts. It is not one of
// the project's dependencies: it weighs ~450 MB and its keytar dependency runs a native build that needs
// libsecret and the network, which would make `npm ci` fail where they are absent.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tool = join(root, 'tools', 'atk');
const cli = join(tool, 'node_modules', '@microsoft', 'm365agentstoolkit-cli', 'cli.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(cli)) {
  process.stderr.write('Installing the Agents Toolkit CLI into tools/atk (once, ~1 minute)…\n');
  const installed = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tool, stdio: ['ignore', 'inherit', 'inherit'] });
  if (installed.status !== 0 || !existsSync(cli)) {
    process.stderr.write('Could not install the Agents Toolkit CLI (npm ci in tools/atk failed): is the npm registry reachable?\n');
    process.exit(installed.status || 1);
  }
}
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, TEAMSFX_TELEMETRY_DISABLED: 'true' } });
process.exit(run.status ?? 1);
