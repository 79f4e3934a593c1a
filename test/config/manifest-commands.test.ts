import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/paths.js';
import { parseCommand } from '../../src/chat/commands.js';

const manifest = JSON.parse(readFileSync(projectPath('manifest', 'manifest.json'), 'utf8'));
const ja = JSON.parse(readFileSync(projectPath('manifest', 'ja-jp.json'), 'utf8')) as Record<string, string>;
const commands: { title: string }[] = manifest.bots[0].commandLists[0].commands;

describe('the command menu offers only words the bot understands', () => {
  it.each(commands.map((c, i) => [c.title, ja[`bots[0].commandLists[0].commands[${i}].title`]]))('%s / %s', (en, jaTitle) => {
    expect(parseCommand(en)).toBeDefined();
    expect(jaTitle).toBeDefined();
    expect(parseCommand(jaTitle!)).toEqual(parseCommand(en));
  });
});
