import type { SectionKey } from '../story';

/** The assignment's spoken targets: 15 s situation, 15 s task, 60 s action, 30 s result. */
export const SECTION_TARGET_SECONDS: Record<SectionKey, number> = { situation: 15, task: 15, action: 60, result: 30 };
export const STORY_TARGET_SECONDS = 120;
export const DEFAULT_WPM = 150;
/** A section or story more than this far over its target gets a warning. */
export const OVERSHOOT_TOLERANCE = 0.25;

export function wordCount(text: string): number {
  const words = text.trim().match(/\S+/g);
  return words ? words.length : 0;
}

/** Seconds it takes to say `text` aloud at `wpm` words a minute, rounded to a whole second. */
export function spokenSeconds(text: string, wpm = DEFAULT_WPM): number {
  return Math.round((wordCount(text) / wpm) * 60);
}
