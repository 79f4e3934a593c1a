/**
 * Text a person typed (a request's note, a decline's reason), shown in a card's TextBlock as the
 * literal text it is: Adaptive Cards read TextBlocks as a markdown subset, so a note such as
 * `[pay here](https://…)` would become a link. Its markdown characters are escaped, its control
 * characters dropped and its length bounded. (Bound as data by the templating, never spliced into JSON.)
 */
export function plainText(value: string, max = 500): string {
  const text = [...value.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')].slice(0, max).join('');
  return text.replace(/([\\`*_{}[\]()<>#+\-.!|~])/g, '\\$1');
}
