import { createRequire } from 'node:module';

// adaptivecards' lib/ cannot be imported on Node (extension-less ESM imports): load its bundle (NOTES.md).
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.min.js');

/** Parses a card with the Adaptive Cards SDK and returns every validation event it reports. */
export function validateCard(card: object, options: { literalDollarAllowed?: boolean } = {}): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  const json = JSON.stringify(card);
  if (!options.literalDollarAllowed && json.includes('${')) problems.push('an unbound ${…} expression is left in the card');
  if (json.length > 28 * 1024) problems.push(`card is ${json.length} bytes`);
  return problems;
}
