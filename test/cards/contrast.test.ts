import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_COLORS } from '../../src/cards/colors.js';
import { projectPath } from '../../src/lib/paths.js';

/**
 * Every coloured word of every card template reads at least 4.5:1 (WCAG 2.x AA, normal text) against the
 * container it sits in, as Teams' light theme renders it. The host decides the colours, so they are
 * the host's: the table below is the `containerStyles` of the Teams light host config that the
 * Microsoft 365 Agents Playground 0.2.28 bundles (node_modules/@microsoft/m365agentsplayground/dist/
 * client/static/js/main.*.js, the config whose good colour is #92c353), colours as AARRGGBB or RRGGBB hex.
 * A colour bound from data (`${stateColor}`) may be any of TEXT_COLORS (src/cards/colors.ts).
 */
const TEAMS_LIGHT: Record<string, { background: string; colors: Record<string, { default: string; subtle: string }> }> = {
  default: { background: 'ffffff', colors: fg() },
  emphasis: { background: 'fff9f8f7', colors: fg() },
  accent: { background: 'C7DEF9', colors: fg() },
  good: { background: 'CCFFCC', colors: fg() },
  attention: { background: 'FFC5B2', colors: fg() },
  warning: { background: 'FFE2B2', colors: fg() },
};
function fg() {
  return {
    default: { default: 'ff252424', subtle: 'bf252424' },
    dark: { default: '252424', subtle: 'bf252424' },
    light: { default: 'ffffff', subtle: 'fff3f2f1' },
    accent: { default: '6264a7', subtle: '8b8cc7' },
    good: { default: '92c353', subtle: 'e592c353' },
    warning: { default: 'f8d22a', subtle: 'e5f8d22a' },
    attention: { default: 'c4314b', subtle: 'e5c4314b' },
  };
}

/** [r, g, b] in 0–255 of a colour drawn over `under` (its alpha, when it has one, blended). */
function rgb(color: string, under?: [number, number, number]): [number, number, number] {
  const hex = color.replace('#', '');
  const alpha = hex.length === 8 ? parseInt(hex.slice(0, 2), 16) / 255 : 1;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(hex.length - 6 + i, hex.length - 4 + i), 16)) as [number, number, number];
  if (!under || alpha === 1) return [r, g, b];
  return [r, g, b].map((c, i) => Math.round(c * alpha + under[i]! * (1 - alpha))) as [number, number, number];
}
const luminance = ([r, g, b]: [number, number, number]) => {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
function contrast(text: string, background: string): number {
  const bg = rgb(background);
  const [a, b] = [luminance(rgb(text, bg)), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

interface Use {
  card: string;
  container: string;
  color: string;
  subtle: boolean;
}

/** Every text of a template with its colour, subtlety and the style of the container it is in. */
function uses(card: string, node: unknown, container = 'default', out: Use[] = []): Use[] {
  if (Array.isArray(node)) {
    for (const n of node) uses(card, n, container, out);
    return out;
  }
  if (!node || typeof node !== 'object') return out;
  const o = node as Record<string, unknown>;
  const style = typeof o.style === 'string' && ['Container', 'Column', 'ColumnSet', 'TableCell', 'Table'].includes(String(o.type)) ? o.style : undefined;
  const here = style ? (style.startsWith('${') ? 'bound' : style.toLowerCase()) : container;
  if (o.type === 'TextBlock' || o.type === 'TextRun') {
    const color = typeof o.color === 'string' ? o.color : 'Default';
    const colors = color.startsWith('${') ? [...TEXT_COLORS] : [color];
    const containers = here === 'bound' ? Object.keys(TEAMS_LIGHT) : [here];
    for (const c of colors) for (const k of containers) out.push({ card, container: k, color: c.toLowerCase(), subtle: o.isSubtle === true || o.isSubtle === 'true' });
  }
  for (const value of Object.values(o)) if (value && typeof value === 'object') uses(card, value, here, out);
  return out;
}

const CARDS = projectPath('cards');
const ALL: Use[] = readdirSync(CARDS)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => uses(f, JSON.parse(readFileSync(join(CARDS, f), 'utf8'))));

describe('card text against its background, as Teams light renders it (WCAG 4.5:1)', () => {
  it('the table holds what the test is about: the host green and yellow fail on white, the default text passes', () => {
    expect(contrast('#92c353', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#f8d22a', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#ff252424', '#ffffff')).toBeGreaterThan(15);
    expect(ALL.length).toBeGreaterThan(50);
  });

  it('no colour a card may bind (TEXT_COLORS) fails on a plain card', () => {
    for (const color of TEXT_COLORS) expect([color, contrast(TEAMS_LIGHT.default!.colors[color.toLowerCase()]!.default, TEAMS_LIGHT.default!.background)]).toEqual([color, expect.any(Number)]);
    const failing = TEXT_COLORS.filter((c) => contrast(TEAMS_LIGHT.default!.colors[c.toLowerCase()]!.default, TEAMS_LIGHT.default!.background) < 4.5);
    expect(failing).toEqual([]);
  });

  it('every text of every template reads at least 4.5:1 where it sits', () => {
    expect(failing(ALL)).toEqual([]);
  });

  it.each([
    ['the host green on a card', { type: 'TextBlock', text: 'Activated', color: 'Good' }, 'good in a default container, 2.07:1'],
    ['red words in a red container', { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: '!', color: 'Attention' }] }, 'attention in a attention container, 3.57:1'],
  ])('a planted template is caught: %s', (_name, template, says) => {
    expect(failing(uses('planted.json', template))).toEqual([`planted.json: ${says}`]);
  });
});

function failing(all: Use[]): string[] {
  const found = all.flatMap((u) => {
    const style = TEAMS_LIGHT[u.container]!;
    const color = style.colors[u.color]!;
    const ratio = contrast(u.subtle ? color.subtle : color.default, style.background);
    return ratio < 4.5 ? [`${u.card}: ${u.color}${u.subtle ? ' (subtle)' : ''} in a ${u.container} container, ${ratio.toFixed(2)}:1`] : [];
  });
  return [...new Set(found)];
}
