/**
 * Markdown line shapes read in linear time. The obvious patterns (`^#+\s+(.*?)\s*#*\s*$`,
 * `\*\*\s*([A-Za-z][A-Za-z -]*?)\s*…\s*:?\s*\*\*`) chain quantifiers that can split one run of
 * spaces many ways, so a long line of spaces took seconds (a few hundred spaces) to hours (a few
 * thousand) to reject: one pasted line could hang the checker, an import or an export. Here every
 * run of spaces can be matched one way only, and the free text at the end is cut with string
 * operations instead of a backtracking `(.*?)…$`.
 */

/** Characters `.` does not match: a line holding one is not matched by a `(.*)$` pattern. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** `text` without trailing white space, trailing `#`s, and the white space before them. */
export function withoutClosingHashes(text: string): string {
  let end = text.trimEnd().length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  return text.slice(0, end).trimEnd();
}

/**
 * The rest of a line after a matched head, as `(.*?)\s*#*\s*$` would give it: null when the rest
 * holds a line break character that the trailing white space does not absorb.
 */
export function closingText(rest: string): string | null {
  const text = withoutClosingHashes(rest);
  return LINE_BREAK.test(text) ? null : text;
}

const ATX_HEAD = /^(#{1,6})\s+/;

/** An ATX heading (`## Title ##`): its level and text, or null. */
export function readHeading(line: string): { level: number; text: string } | null {
  const head = ATX_HEAD.exec(line);
  if (!head) return null;
  const text = closingText(line.slice(head[0].length));
  return text === null ? null : { level: head[1].length, text };
}

/** The text after a matched head, as a trailing `(.*)$` would give it, or null. */
export function restOfLine(line: string, headLength: number): string | null {
  const rest = line.slice(headLength);
  return LINE_BREAK.test(rest) ? null : rest;
}
