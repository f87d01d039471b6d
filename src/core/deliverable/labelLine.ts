import { restOfLine } from '../text/markdownLine';

/**
 * The head of a labelled line: `**Situation:**`, `**Situation**:`, `- **Trade-off (with
 * alternatives):**`, or plain `Situation (15 s):`. Label words are at most a few words long and
 * a note in parentheses is short, so both are bounded, and every run of white space has one way
 * to match: these never backtrack through a long line (see text/markdownLine.ts).
 */
const LABEL = String.raw`([A-Za-z](?:[A-Za-z -]{0,40}[A-Za-z])?)`;
const NOTE = String.raw`(?:\([^)\n]{0,120}\)\s*)?`;
const BOLD_HEAD = new RegExp(String.raw`^\s*(?:[-*]\s+)?\*\*\s*${LABEL}\s*${NOTE}(?::\s*)?\*\*(?:\s*:)?\s*`);
const PLAIN_HEAD = new RegExp(String.raw`^\s*${LABEL}\s*${NOTE}:\s*`);

export interface LabelLine {
  /** The label as written, e.g. "Trade-off". */
  word: string;
  /** The text after the label on the same line. */
  rest: string;
}

function read(head: RegExp, line: string): LabelLine | null {
  const match = head.exec(line);
  if (!match) return null;
  const rest = restOfLine(line, match[0].length);
  return rest === null ? null : { word: match[1], rest };
}

/** A line that starts with a bold label, or null. */
export const readBoldLabel = (line: string): LabelLine | null => read(BOLD_HEAD, line);

/** A line that starts with `Label:`, or null. */
export const readPlainLabel = (line: string): LabelLine | null => read(PLAIN_HEAD, line);
