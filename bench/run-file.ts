import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { projectPath } from '../src/lib/paths.js';

/**
 * Writes a run's report to a file named by the run (`bench/runs/<name>-<when>.md`, ignored by git), so that
 * a run never writes over the committed figures unless asked, and to `out` too when given; prints it and where.
 */
export function writeRunReport(name: string, started: Date, md: string, out?: string): void {
  const files = [projectPath('bench', 'runs', `${name}-${started.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}.md`), ...(out ? [out] : [])];
  for (const file of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, md);
  }
  process.stdout.write(`${md}\nwritten to ${files.join(' and ')}\n`);
}
