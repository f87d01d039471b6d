import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LETTERS_IN_ASCII, storyFileName } from './storyFileName';

describe('storyFileName', () => {
  it('makes a lower-case hyphenated name from the title', () => {
    expect(storyFileName('Designing Raft: consensus for Trust!', new Set())).toBe(
      'designing-raft-consensus-for-trust.md',
    );
  });

  it('never yields separators, dots, hidden or reserved names', () => {
    for (const title of ['../../etc/passwd', '..\\..\\x', '.hidden', 'CON', 'nul', '', '///', 'a/b\\c']) {
      const name = storyFileName(title, new Set());
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]*\.md$/);
      expect(name).not.toMatch(/^(con|nul)\.md$/);
    }
  });

  it('strips accents, bounds the length and stays unique', () => {
    expect(storyFileName('Café débâcle', new Set())).toBe('cafe-debacle.md');
    expect(storyFileName('x'.repeat(500), new Set()).length).toBeLessThanOrEqual(63);
    expect(storyFileName('Same', new Set(['same.md', 'same-2.md']))).toBe('same-3.md');
  });

  it('spells out the letters that have no accent to strip instead of dropping them', () => {
    expect(storyFileName('Ørsted wind farm', new Set())).toBe('orsted-wind-farm.md');
    expect(storyFileName('Straße und GROẞE', new Set())).toBe('strasse-und-grosse.md');
    expect(storyFileName('Æsir, Œuvre, Łódź', new Set())).toBe('aesir-oeuvre-lodz.md');
    expect(storyFileName('Đorđe Þórður Ǿ', new Set())).toBe('dorde-thordur-o.md');
    expect(storyFileName('Ø', new Set())).toBe('o.md');
  });

  it('names every title as normalising all of it would (ASCII skips the normalising)', () => {
    const slugOf = (title: string) =>
      title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .split('')
        .map((unit) => LETTERS_IN_ASCII[unit] ?? unit)
        .join('')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
        .replace(/-+$/, '');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
          fc.string({ unit: fc.constantFrom(...Object.keys(LETTERS_IN_ASCII), 'a', ' ', '\u0301') }),
        ),
        (title) => {
          const slug = slugOf(title);
          const expected =
            !slug || /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(slug) ? `story${slug ? `-${slug}` : ''}` : slug;
          expect(storyFileName(title, new Set())).toBe(`${expected}.md`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
