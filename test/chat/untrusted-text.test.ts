import { describe, expect, it } from '@jest/globals';
import { plainText } from '../../src/chat/views/untrusted-text.js';
import { BIDI_CONTROL } from '../../src/domain/people.js';

/** What a typed note shows: the characters a name refuses are dropped from a note, the rest kept as typed. */
describe('a typed note made fit to show', () => {
  it.each([
    ['a right-to-left override', 'pay \u202Enimda', 'pay nimda'],
    ['an Arabic letter mark (a name refuses it too)', 'ok\u061C', 'ok'],
    ['isolates and marks', '\u2066a\u2069\u200Eb\u200F', 'ab'],
    ['a zero-width space and joiners', 'a\u200Bb\u200Cc\u200Dd', 'abcd'],
    ['a bell and an escape', 'a\u0007b\u001B[31m', 'ab[31m'],
    ['tab and line feed are kept', 'line 1\n\tline 2', 'line 1\n\tline 2'],
    ['Japanese text is kept as typed', '来週までに、承認をお願いします。', '来週までに、承認をお願いします。'],
  ])('%s', (_what, typed, shown) => {
    expect(plainText(typed)).toBe(shown);
  });

  it('drops every character a name is refused for', () => {
    const controls = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const c of controls) {
      expect(BIDI_CONTROL.test(`a${c}`)).toBe(true);
      expect(plainText(`a${c}b`)).toBe('ab');
    }
  });

  it('is bounded in characters, not UTF-16 units (an emoji is not cut in half)', () => {
    expect(plainText('😀'.repeat(10), 3)).toBe('😀😀😀');
  });
});
