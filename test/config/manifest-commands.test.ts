import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/lib/paths.js';
import { parseCommand } from '../../src/chat/commands.js';

const manifest = JSON.parse(readFileSync(projectPath('appPackage', 'manifest.json'), 'utf8'));
const ja = JSON.parse(readFileSync(projectPath('appPackage', 'ja-jp.json'), 'utf8')) as Record<string, string>;
const commands: { title: string }[] = manifest.bots[0].commandLists[0].commands;

describe('the command menu offers only words the bot understands', () => {
  it.each(commands.map((c, i) => [c.title, ja[`bots[0].commandLists[0].commands[${i}].title`]]))('%s / %s', (en, jaTitle) => {
    expect(parseCommand(en)).toBeDefined();
    expect(jaTitle).toBeDefined();
    expect(parseCommand(jaTitle!)).toEqual(parseCommand(en));
  });
});

describe('every command the help card names is one the bot understands', () => {
  it.each(['en-US', 'ja-JP'] as const)('%s', async (locale) => {
    const { helpCard } = await import('../../src/chat/views/help-card.js');
    const facts = JSON.stringify(helpCard(locale, 'Fabrikam')).match(/"title":"([^"]+)","value"/g) ?? [];
    const names = facts.map((f) => f.replace(/^"title":"|","value"$/g, '')).flatMap((n) => n.split(' / '));
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) expect([name, parseCommand(name)]).toEqual([name, expect.anything()]);
  });
});
