/**
 * The section bands under a recording's player: where each STAR section begins and ends on the
 * recording, as fractions of its length, for the markers and for jump-to-section.
 *
 * Why pure: the marks come from a committed sidecar that may be old, edited by hand or from a take
 * cut short, and the recording's length comes from the file; the bands must still add up, never
 * overlap and never run past the end. Rules:
 * - Marks are taken in order; one at or past the end, or before the one before it, is ignored.
 * - A band runs from its mark to the next kept mark (or the end); empty bands are left out.
 * - Without marks or without a length there are no bands.
 */
import type { SectionKey } from '../story';

export interface PlaybackMark {
  section: SectionKey;
  atMs: number;
}

export interface TimelineBand {
  section: SectionKey;
  startMs: number;
  endMs: number;
  /** Where the band starts and how wide it is, 0…1 of the recording. */
  start: number;
  width: number;
}

export function playbackTimeline(marks: readonly PlaybackMark[], durationMs: number): TimelineBand[] {
  if (!Number.isFinite(durationMs) || durationMs <= 0) return [];
  const kept: PlaybackMark[] = [];
  for (const mark of marks) {
    if (!Number.isFinite(mark.atMs) || mark.atMs < 0 || mark.atMs >= durationMs) continue;
    const last = kept.at(-1);
    if (last && mark.atMs < last.atMs) continue;
    if (last && mark.atMs === last.atMs) kept.pop();
    kept.push(mark);
  }
  return kept
    .map((mark, index) => {
      const endMs = kept[index + 1]?.atMs ?? durationMs;
      return {
        section: mark.section,
        startMs: mark.atMs,
        endMs,
        start: mark.atMs / durationMs,
        width: (endMs - mark.atMs) / durationMs,
      };
    })
    .filter((band) => band.endMs > band.startMs);
}

/** The band playing at `atMs`, or null before the first one. */
export function bandAt(bands: readonly TimelineBand[], atMs: number): TimelineBand | null {
  let found: TimelineBand | null = null;
  for (const band of bands) if (band.startMs <= atMs) found = band;
  return found;
}
