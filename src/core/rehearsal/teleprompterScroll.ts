/**
 * Where the teleprompter's script should be at a given moment of a take.
 *
 * Why: scrolling driven by requestAnimationFrame stays smooth and exact only if each frame computes
 * the position from the elapsed time, never by adding a step to the last frame's position (frames
 * are dropped, tabs are throttled, speeds change). This module is that computation, pure, so the same
 * time always gives the same place and the rules can be tested without a browser.
 *
 * The output is a content offset in px: the y of the script (laid out from its top) that should sit
 * on the reading line. The view moves the script with `translateY(readingLineY - offsetPx)`.
 *
 * Rules:
 * - Times are on the take's clock (ms since the take began, after the countdown, pauses included).
 * - Progress advances only outside `pauses`. In voice-gated mode the caller adds the silences
 *   (`voiceGatedHolds`), so the script holds whenever the user is not speaking.
 * - Speed is piecewise constant: `speed` from the start, then each `speedChanges` entry from its
 *   time. Paced mode: a multiple of the targets (1 = each section over its target, 2 = twice as
 *   fast). Manual mode: words per minute. 0 holds the script.
 * - Paced mode: from the section it starts in, each section scrolls from its top to its bottom over
 *   its target time (15/15/60/30 s at speed 1), then the next begins; after Result it stays at the
 *   bottom. Manual mode: the reading position moves from word to word at the chosen words per
 *   minute, interpolating between the words' offsets, and after the last word to the script's end.
 * - Section jumps (← / →) are marks: from a mark the script starts over at the top (paced) or the
 *   first word (manual) of the marked section. Without a mark the run starts at Situation.
 * - The position comes from time and words, not from pixels, so a change of font size or line width
 *   mid-run (a new layout) keeps the reader at the same place in the text.
 */
import { SECTION_TARGET_SECONDS } from '../checker/timing';
import { SECTION_KEYS, type SectionKey } from '../story';
import { normalizeIntervals, subtractIntervals, uncoveredMs, type Interval } from './intervals';
import { checkMarks, type SectionMark } from './sectionTiming';

/** Where a section's block (label and text) lies in the laid-out script, from the script's top. */
export interface SectionBox {
  offsetPx: number;
  heightPx: number;
}

/** Where one word of the script lies (its line's top, from the script's top), in reading order. */
export interface WordBox {
  section: SectionKey;
  offsetPx: number;
}

export interface ScriptLayout {
  sections: Record<SectionKey, SectionBox>;
  words: readonly WordBox[];
}

export type ScrollMode = 'paced' | 'manual';

/** From `atMs` on, the speed is `speed`. */
export interface SpeedChange {
  atMs: number;
  speed: number;
}

export interface ScrollRun {
  mode: ScrollMode;
  /** The speed at the start: a multiple of the targets (paced) or words per minute (manual). */
  speed: number;
  /** Later speed changes, in the order they were made. */
  speedChanges?: readonly SpeedChange[];
  /** When the script holds: the user's pauses, and in voice-gated mode the silences too. */
  pauses?: readonly Interval[];
  /** Section jumps, in the order they were made. */
  marks?: readonly SectionMark[];
}

export interface ScrollPosition {
  /** The script's y that sits on the reading line. */
  offsetPx: number;
  /** The section at the reading line. */
  section: SectionKey;
  /** The whole script has gone by. */
  finished: boolean;
}

function checkSpeed(speed: number, what: string): void {
  if (!Number.isFinite(speed) || speed < 0) {
    throw new RangeError(`${what} must be a non-negative number, got ${speed}`);
  }
}

function checkRun(run: ScrollRun): void {
  checkSpeed(run.speed, 'the speed');
  (run.speedChanges ?? []).forEach((change, index, changes) => {
    checkSpeed(change.speed, `speed change ${index + 1}`);
    if (!Number.isFinite(change.atMs)) throw new RangeError(`speed change ${index + 1} has no time`);
    if (index > 0 && change.atMs < changes[index - 1].atMs) {
      throw new RangeError(
        `speed change ${index + 1} (at ${change.atMs} ms) comes before speed change ${index} (at ${changes[index - 1].atMs} ms): list them in the order they were made`,
      );
    }
  });
  checkMarks(run.marks ?? [], Infinity);
}

function checkLayout(layout: ScriptLayout): void {
  for (const key of SECTION_KEYS) {
    const box = layout.sections[key];
    if (!Number.isFinite(box.offsetPx) || !Number.isFinite(box.heightPx) || box.heightPx < 0) {
      throw new RangeError(`the ${key} section's box is not a place on the page`);
    }
  }
  layout.words.forEach((word, index) => {
    if (!Number.isFinite(word.offsetPx)) throw new RangeError(`word ${index + 1} has no offset`);
  });
}

/**
 * Speed-weighted running time from `fromMs` to `toMs`: the integral of the speed over the time not
 * held. In paced mode that is the target time covered (ms at speed 1); in manual mode, with the
 * speed in words per minute, it is words read × 60 000. `pauses` must be sorted and disjoint (as
 * `normalizeIntervals` gives them); speed changes sorted by time.
 */
export function progressBetween(
  fromMs: number,
  toMs: number,
  speed: number,
  speedChanges: readonly SpeedChange[],
  pauses: readonly Interval[],
): number {
  if (toMs <= fromMs) return 0;
  let current = speed;
  let start = fromMs;
  let total = 0;
  for (const change of speedChanges) {
    if (change.atMs <= fromMs) {
      current = change.speed;
      continue;
    }
    if (change.atMs >= toMs) break;
    total += current * uncoveredMs({ startMs: start, endMs: change.atMs }, pauses);
    start = change.atMs;
    current = change.speed;
  }
  return total + current * uncoveredMs({ startMs: start, endMs: toMs }, pauses);
}

function pacedPosition(layout: ScriptLayout, from: number, progressMs: number): ScrollPosition {
  let left = progressMs;
  for (const key of SECTION_KEYS.slice(from)) {
    const box = layout.sections[key];
    const targetMs = SECTION_TARGET_SECONDS[key] * 1000;
    if (left < targetMs)
      return { offsetPx: box.offsetPx + box.heightPx * (left / targetMs), section: key, finished: false };
    left -= targetMs;
  }
  const last = layout.sections.result;
  return { offsetPx: last.offsetPx + last.heightPx, section: 'result', finished: true };
}

function manualPosition(layout: ScriptLayout, from: number, words: number): ScrollPosition {
  const list = layout.words;
  const end = layout.sections.result;
  const endPx = end.offsetPx + end.heightPx;
  const first = list.findIndex((word) => SECTION_KEYS.indexOf(word.section) >= from);
  if (first === -1) {
    // Nothing left to read from here (no words, or only in earlier sections): show the section's top.
    const key = SECTION_KEYS[from];
    return { offsetPx: layout.sections[key].offsetPx, section: key, finished: true };
  }
  const at = first + words;
  if (at >= list.length) return { offsetPx: endPx, section: list.at(-1)?.section ?? 'result', finished: true };
  const index = Math.floor(at);
  const word = list[index];
  const nextPx = list[index + 1]?.offsetPx ?? endPx;
  return { offsetPx: word.offsetPx + (nextPx - word.offsetPx) * (at - index), section: word.section, finished: false };
}

/** Where the script should be `elapsedMs` into the take (negative times count as 0). */
export function scrollPosition(layout: ScriptLayout, run: ScrollRun, elapsedMs: number): ScrollPosition {
  if (!Number.isFinite(elapsedMs)) throw new RangeError(`the elapsed time must be a number, got ${elapsedMs}`);
  checkLayout(layout);
  checkRun(run);
  const now = Math.max(0, elapsedMs);
  const pauses = normalizeIntervals(run.pauses ?? [], 'pause');
  const anchor = (run.marks ?? []).filter((mark) => mark.atMs <= now).at(-1) ?? { section: 'situation', atMs: 0 };
  const from = SECTION_KEYS.indexOf(anchor.section);
  const progress = progressBetween(anchor.atMs, now, run.speed, run.speedChanges ?? [], pauses);
  return run.mode === 'paced' ? pacedPosition(layout, from, progress) : manualPosition(layout, from, progress / 60_000);
}

/**
 * The holds of voice-gated mode up to `elapsedMs`: every stretch without speech. `speech` is what the
 * detector reported so far; a segment still going on ends at `elapsedMs`.
 */
export function voiceGatedHolds(speech: readonly Interval[], elapsedMs: number): Interval[] {
  const until = Math.max(0, elapsedMs);
  const spoken = normalizeIntervals(speech, 'speech segment', { startMs: 0, endMs: until });
  return subtractIntervals([{ startMs: 0, endMs: until }], spoken);
}
