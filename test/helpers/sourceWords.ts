/**
 * The words a reader must keep: runs of letters and digits, lower-cased. Single characters
 * (a list letter "S", "I", "a") say nothing on their own, and a label's timing note ("(15 s)")
 * is the app's own timing target, which the vault keeps per section, so neither is counted.
 */
export function sourceWords(text: string): Set<string> {
  const withoutTimings = text.replace(/\(\s*~?\d+\s*(?:s|sec|secs|seconds|min|mins|minutes)\s*\)/gi, ' ');
  return new Set((withoutTimings.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 1));
}

/** The words of `source` that appear nowhere in `kept`. */
export function lostWords(source: string, kept: string): string[] {
  const found = sourceWords(kept);
  return [...sourceWords(source)].filter((word) => !found.has(word));
}
