import { t, type Locale, type MessageKey, type Params } from './index.js';

/**
 * A sentence an operator reads (a command's or the start-up's refusal): the error's message holds it
 * in English (for the log), and a terminal says it in the language of LANG / LC_ALL.
 */
export interface OperatorSentence {
  key: MessageKey;
  /**
   * A value may be a sentence itself (a part said in the same language), or a part already said in each
   * language (one built by other words than a key's: a seed file's problems, each with its JSON path).
   */
  params?: Record<string, Params[string] | OperatorSentence | SaidInEach>;
}

/** A part of a sentence, written out in every language (plain data: it crosses to a worker and back). */
export type SaidInEach = Readonly<Record<Locale, string>>;

function say(locale: Locale, s: OperatorSentence): string {
  const params: Params = {};
  for (const [name, value] of Object.entries(s.params ?? {})) params[name] = typeof value !== 'object' ? value : 'key' in value ? say(locale, value as OperatorSentence) : (value as SaidInEach)[locale];
  return t(locale, s.key, params);
}

/** The error says what stops the start or a command in sentences of the catalog (an OperatorError, or one that carries `sentences` as data). */
export function hasOperatorSentences(error: unknown): error is Error & { sentences: readonly OperatorSentence[] } {
  const sentences = (error as { sentences?: unknown } | undefined)?.sentences;
  return error instanceof Error && Array.isArray(sentences) && sentences.length > 0;
}

/** The sentences in English, one a line: an error's message. */
export function inEnglish(...sentences: OperatorSentence[]): string {
  return sentences.map((s) => say('en-US', s)).join('\n');
}

/** What an error says to an operator in `locale`: its own sentences when it carries them, else its message. */
export function operatorMessage(locale: Locale, error: unknown): string {
  const sentences = (error as { sentences?: readonly OperatorSentence[] } | undefined)?.sentences;
  if (sentences?.length) return sentences.map((s) => say(locale, s)).join('\n');
  return error instanceof Error ? error.message : String(error);
}

/** An error whose message is operator sentences, said again in the reader's language by `operatorMessage`. */
export class OperatorError extends Error {
  readonly sentences: readonly OperatorSentence[];
  constructor(...sentences: OperatorSentence[]) {
    super(inEnglish(...sentences));
    this.sentences = sentences;
  }
}
