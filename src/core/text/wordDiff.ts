import { diffWordsWithSpace } from 'diff';

/** A stretch of text: in both versions, or only in the one before (`a`) or after (`b`). */
export interface WordPart {
  text: string;
  in: 'both' | 'a' | 'b';
}

/**
 * The word-level difference between two texts, whitespace kept, for showing two versions side by
 * side: the left shows the `both` and `a` parts, the right the `both` and `b` parts. A rewritten
 * phrase is one marked stretch per side, not a mark per word: the spaces the two phrases happen
 * to share between changed words are counted as changed.
 */
export function wordDiff(a: string, b: string): WordPart[] {
  const changes = diffWordsWithSpace(a, b).map((change): WordPart => ({
    text: change.value,
    in: change.added ? 'b' : change.removed ? 'a' : 'both',
  }));
  const parts: WordPart[] = [];
  let run: { a: string; b: string } | null = null;
  const flush = () => {
    if (run?.a) parts.push({ text: run.a, in: 'a' });
    if (run?.b) parts.push({ text: run.b, in: 'b' });
    run = null;
  };
  changes.forEach((change, index) => {
    const between = run !== null && changes[index + 1] !== undefined && changes[index + 1].in !== 'both';
    if (change.in === 'both' && !(between && /^\s+$/.test(change.text))) {
      flush();
      parts.push(change);
      return;
    }
    run ??= { a: '', b: '' };
    if (change.in !== 'b') run.a += change.text;
    if (change.in !== 'a') run.b += change.text;
  });
  flush();
  return parts;
}

/** The parts of one side of a word diff. */
export function sideOf(parts: readonly WordPart[], side: 'a' | 'b'): WordPart[] {
  return parts.filter((part) => part.in === 'both' || part.in === side);
}
