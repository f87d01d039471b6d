export type LineBreak = '\r\n' | '\n';

/**
 * The line break a file keeps: CRLF when it has any (an editor on Windows, or git's autocrlf,
 * the default of Git for Windows, which checks committed text out so), else LF.
 */
export function lineBreakOf(text: string): LineBreak {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** `text` with LF line breaks, as Story Bank generates and compares text. */
export function toLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** LF text written with `lineBreak`. */
export function withLineBreak(lfText: string, lineBreak: LineBreak): string {
  return lineBreak === '\n' ? lfText : lfText.replace(/\r?\n/g, '\r\n');
}
