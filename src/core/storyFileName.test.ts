import { describe, expect, it } from 'vitest';
import { storyFileName } from './storyFileName';

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
});
