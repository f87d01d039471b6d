/** A line that starts or splits a conflict, as `git merge-file` writes them (7 characters, then a label). */
const MARKER = /^(<{7}|={7}|>{7}|\|{7})( |$)/;

/** One place where both sides changed the same lines: each side's lines, and where it starts. */
export interface ConflictHunk {
  /** 1-based line of the `<<<<<<<` marker in the merged text. */
  line: number;
  mine: string;
  theirs: string;
}

/** The 1-based line of the first conflict marker left in `text`, or null when there is none. */
export function conflictMarkerLine(text: string): number | null {
  const index = text.split(/\r?\n/).findIndex((line) => MARKER.test(line));
  return index < 0 ? null : index + 1;
}

/** The conflicting hunks of a merged text, in order (a diff3 base section, if any, is skipped). */
export function conflictHunks(text: string): ConflictHunk[] {
  const hunks: ConflictHunk[] = [];
  let current: { line: number; mine: string[]; theirs: string[]; side: 'mine' | 'base' | 'theirs' } | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.startsWith('<<<<<<<') && MARKER.test(line)) {
      current = { line: index + 1, mine: [], theirs: [], side: 'mine' };
    } else if (current && line.startsWith('|||||||') && MARKER.test(line)) {
      current.side = 'base';
    } else if (current && line.startsWith('=======') && MARKER.test(line)) {
      current.side = 'theirs';
    } else if (current && line.startsWith('>>>>>>>') && MARKER.test(line)) {
      hunks.push({ line: current.line, mine: current.mine.join('\n'), theirs: current.theirs.join('\n') });
      current = null;
    } else if (current && current.side !== 'base') {
      current[current.side].push(line);
    }
  });
  return hunks;
}
