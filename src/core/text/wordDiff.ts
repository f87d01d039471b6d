import { diffWordsWithSpace } from 'diff';

/** A stretch of text: in both versions, or only in the one before (`a`) or after (`b`). */
export interface WordPart {
  text: string;
  in: 'both' | 'a' | 'b';
}

/**
 * The word-level difference between two texts, whitespace kept, for showing two versions side by
 * side: the left shows the `both` and `a` parts, the right the `both` and `b` parts.
 */
export function wordDiff(a: string, b: string): WordPart[] {
  return diffWordsWithSpace(a, b).map((change) => ({
    text: change.value,
    in: change.added ? 'b' : change.removed ? 'a' : 'both',
  }));
}

/** The parts of one side of a word diff. */
export function sideOf(parts: readonly WordPart[], side: 'a' | 'b'): WordPart[] {
  return parts.filter((part) => part.in === 'both' || part.in === side);
}
