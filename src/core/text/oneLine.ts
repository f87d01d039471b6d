/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]';
const CONTROL = new RegExp(CONTROL_CLASS);
const CONTROL_RUNS = new RegExp(`${CONTROL_CLASS}+`, 'g');

const NAMES: Record<string, string> = {
  '\n': 'a line break',
  '\r': 'a carriage return',
  '\t': 'a tab',
  '\0': 'a NUL character',
  '\u2028': 'a line separator (U+2028)',
  '\u2029': 'a paragraph separator (U+2029)',
};

/** The first control character in `text`, described for people, or null when there is none. */
export function describeControlCharacter(text: string): string | null {
  const found = CONTROL.exec(text)?.[0];
  if (found === undefined) return null;
  const code = found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return NAMES[found] ?? `the control character U+${code}`;
}

/**
 * `text` as one line: each run of control characters (line breaks included) becomes one space.
 * For text that ends up where a line break or a NUL would change its meaning, such as a commit
 * subject (git refuses a NUL; a line break would start trailers such as Signed-off-by).
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL_RUNS, ' ').replace(/ {2,}/g, ' ').trim();
}
