import { createTwoFilesPatch, structuredPatch } from 'diff';

export interface TextDiff {
  /** A unified diff (`---`/`+++` headers, `@@` hunks), empty when the texts are equal. */
  patch: string;
  added: number;
  removed: number;
}

/** The line difference between two versions of a file, as people read it in a review. */
export function textDiff(before: string, after: string, name: string, labels = ['before', 'after']): TextDiff {
  const a = before.replace(/\r\n/g, '\n');
  const b = after.replace(/\r\n/g, '\n');
  if (a === b) return { patch: '', added: 0, removed: 0 };
  const [from, to] = [`${name} (${labels[0]})`, `${name} (${labels[1]})`];
  const lines = structuredPatch(from, to, a, b, undefined, undefined, { context: 3 }).hunks.flatMap((h) => h.lines);
  const patch = createTwoFilesPatch(from, to, a, b, undefined, undefined, { context: 3 })
    // The "====" rule above the headers says nothing a person needs.
    .replace(/^=+\n/, '');
  return {
    patch,
    added: lines.filter((line) => line.startsWith('+')).length,
    removed: lines.filter((line) => line.startsWith('-')).length,
  };
}
