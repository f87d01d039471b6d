/**
 * The one escaping rule for text that sits inside a markdown structure Story Bank reads back (a
 * section of a story file, a part of the exported deliverable): a line that a reader could take
 * for structure — a heading of any level (`#` to `######` then a blank or the end of the line) or
 * a code fence (```` ``` ```` or `~~~`), after any indentation — is written with one more
 * backslash before its first `#`, backtick or tilde. Lines that already have backslashes there
 * get one more too, so reading (which removes exactly one) gives back every line as it was.
 * Markdown shows `\## Result` as the text "## Result", so the file reads right in any viewer.
 */
const ESCAPED_OR_NOT = /^(\s*)(\\*(?:#{1,6}(?=\s|$)|```|~~~))/;
const ESCAPED = /^(\s*)\\(\\*(?:#{1,6}(?=\s|$)|```|~~~))/;

function eachLine(text: string, change: (line: string) => string): string {
  // Most text has no line that needs it: skip the split when no marker is present at all.
  if (!/[#`~]/.test(text)) return text;
  return text.split('\n').map(change).join('\n');
}

/** `text` (lines joined by "\n") with every line that could read as structure escaped. */
export function escapeStructure(text: string): string {
  return eachLine(text, (line) => line.replace(ESCAPED_OR_NOT, '$1\\$2'));
}

/** The inverse of escapeStructure: one backslash less on each escaped structure line. */
export function unescapeStructure(text: string): string {
  return eachLine(text, (line) => line.replace(ESCAPED, '$1$2'));
}
