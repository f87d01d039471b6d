import type { SectionKey } from '../story';

/** The assignment's spoken targets: 15 s situation, 15 s task, 60 s action, 30 s result. */
export const SECTION_TARGET_SECONDS: Record<SectionKey, number> = { situation: 15, task: 15, action: 60, result: 30 };
export const STORY_TARGET_SECONDS = 120;
export const DEFAULT_WPM = 150;
/** The assignment's review schedule (`review_schedule_days`): rehearse again after these days. */
export const REVIEW_SCHEDULE_DAYS = [3, 7, 21, 60] as const;
/** A section or story more than this far over its target gets a warning. */
export const OVERSHOOT_TOLERANCE = 0.25;

/** Whether a UTF-16 code unit is what a regular expression's `\s` matches. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Words as `/\S+/g` finds them, counted without building the list: the checker counts every
 * section of every story on each keystroke, and the array of words was most of its time.
 */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // ASCII decided inline (nearly every character of a story); the rest by isSpace.
    const space = code <= 32 ? code === 32 || (code >= 9 && code <= 13) : code >= 160 && isSpace(code);
    if (!space && !inWord) count += 1;
    inWord = !space;
  }
  return count;
}

/** Seconds it takes to say `text` aloud at `wpm` words a minute, rounded to a whole second. */
export function spokenSeconds(text: string, wpm = DEFAULT_WPM): number {
  return Math.round((wordCount(text) / wpm) * 60);
}
