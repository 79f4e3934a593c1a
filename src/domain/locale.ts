/** The languages a person can read the bot in (chosen by the Teams locale). */
export const LOCALES = ['en-US', 'ja-JP'] as const;
export type Locale = (typeof LOCALES)[number];
