import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spokenSeconds, wordCount } from './timing';

/** The definition wordCount must keep: what /\S+/g finds. */
const byRegex = (text: string) => text.match(/\S+/g)?.length ?? 0;

// Every character JavaScript's \s matches, and some that look like spaces but are not.
const SPACES = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029'];
const MORE_SPACES = ['\u202f', '\u205f', '\u3000', '\ufeff'];
const NOT_SPACES = ['\u200b', '\u180e', '\u0085', 'a', 'é', '😀', '-', '0'];

describe('wordCount', () => {
  it('counts words as /\\S+/g does, across every kind of space', () => {
    const piece = fc.constantFrom(...SPACES, ...MORE_SPACES, ...NOT_SPACES);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.string(), (pieces, extra) => {
        const text = pieces.join('') + extra;
        expect(wordCount(text)).toBe(byRegex(text));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });

  it('counts the plain cases', () => {
    expect(wordCount('')).toBe(0);
    expect(wordCount('   \n\t ')).toBe(0);
    expect(wordCount('one')).toBe(1);
    expect(wordCount('  two  words\n')).toBe(2);
    expect(spokenSeconds('word '.repeat(150))).toBe(60);
  });
});
