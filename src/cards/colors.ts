/**
 * The text colours a card may give a word. The host decides what each renders as: in Teams' light theme
 * (and the Agents Playground, which plays it) "Good" is #92c353, 2.1:1 against the white card, and
 * "Warning" #f8d22a, 1.5:1 (WCAG asks 4.5:1), so neither is used: a state reads in its word (Activated,
 * Not activated), and colour only underlines it where the host renders it dark enough
 * (test/cards/contrast.test.ts holds every template to it).
 */
export const TEXT_COLORS = ['Default', 'Attention', 'Accent'] as const;

export type TextColor = (typeof TEXT_COLORS)[number];
