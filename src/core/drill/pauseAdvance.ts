/**
 * When telling a story from its key phrases, the sections can move on by voice: a speaker who has
 * said something in a section and then stops for a breath longer than `PAUSE_ADVANCE_MS` is taken
 * to be done with it. The same 2 s a take's sidecar calls a long pause; a section needs
 * `MIN_SECTION_SPEECH_MS` of speech first, so a silence while gathering thoughts at its start does
 * not skip it. A wrong move is one ← away.
 */
import type { SpeechSegment } from '../rehearsal/speechFrames';

export const PAUSE_ADVANCE_MS = 2000;
export const MIN_SECTION_SPEECH_MS = 3000;

/** The section that began at `sectionStartMs` is done at `nowMs` (all on the take's clock). */
export function pauseEndsSection(heard: readonly SpeechSegment[], sectionStartMs: number, nowMs: number): boolean {
  let spokenMs = 0;
  let lastEndMs = -Infinity;
  for (const segment of heard) {
    if (segment.misfire) continue;
    const startMs = Math.max(segment.startMs, sectionStartMs);
    const endMs = Math.min(segment.endMs, nowMs);
    if (endMs <= startMs) continue;
    spokenMs += endMs - startMs;
    lastEndMs = Math.max(lastEndMs, endMs);
  }
  return spokenMs >= MIN_SECTION_SPEECH_MS && nowMs - lastEndMs > PAUSE_ADVANCE_MS;
}
