import type { TakeTiming } from './takeSchema';

export type { TakeSidecar, TakeTiming } from './takeSchema';

/**
 * One rehearsal take as it is kept in the vault: `rehearsals/<story-id>/<stem>.json` (this
 * sidecar, committed to git) next to `rehearsals/<story-id>/<stem>.webm` (the recording, if any,
 * git-ignored). The stem is the take's start time in UTC, made by main, e.g.
 * `2025-03-14T09-26-53Z` (a `-2`, `-3`… is added when two takes start in the same second).
 *
 * The renderer measures the timing (`takeTimingSchema` in takeSchema.ts: sections, voice, pauses, pace, device,
 * mode, notes); main adds what only it knows (story, date, revision, status, media) and writes the
 * whole as a `TakeSidecar`. Every string and list is bounded, so a sidecar cannot grow without
 * limit, whoever wrote it.
 */
export const TAKE_SIDECAR_VERSION = 1;

/** Longest take a sidecar can describe: a whole-bank rehearsal is eight stories of about 2:00. */
export const MAX_TAKE_MS = 4 * 60 * 60 * 1000;
export const MAX_TAKE_PAUSES = 2000;
export const MAX_TAKE_NOTES = 10_000;
export const MAX_DEVICE_LABEL = 256;
export const MAX_STATUS_REASON = 500;
export const MAX_TAKE_MARKS = 200;

/** `2025-03-14T09-26-53Z`, optionally `-2` … `-99`: a UTC time that is safe in any file system. */
export const TAKE_STEM_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?:-[1-9]\d?)?$/;
export const TAKE_FILE_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?:-[1-9]\d?)?)\.(json|webm)$/;

/** `2025-03-14T09:26:53.120Z` → `2025-03-14T09-26-53Z` (seconds; the stem of a take's files). */
export function takeStem(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
}

/** Who set a section's time: the speaker (keys, voice) or the scroll's own pace. */
export const TIMED_BY = ['speaker', 'scroll'] as const;

export const TAKE_MODES = ['camera-and-mic', 'mic-only', 'no-recording'] as const;
export type TakeMode = (typeof TAKE_MODES)[number];

/**
 * `recording`: started and not finished (written at the start, so a crash leaves a trace);
 * `complete`: finished normally; `interrupted`: stopped by a failure (device gone, disk full,
 * Story Bank closed or crashed) — what was recorded up to then is kept.
 */
export const TAKE_STATUSES = ['recording', 'complete', 'interrupted'] as const;
export type TakeStatus = (typeof TAKE_STATUSES)[number];

/** Timing for a take that never reported any (a crash, or a stop before the first measurement). */
export function emptyTiming(mode: TakeMode): TakeTiming {
  return { durationMs: 0, sections: [], voicedMs: 0, pauses: [], paceWpm: null, device: '', mode, notes: '' };
}

/**
 * Where a recording is played from, on either host: the page's own origin, path
 * `/media/<story-id>/<stem>.webm` (the browser host checks its token; Electron's `storybank://app`
 * handler serves the same path from the vault's `rehearsals/` folder only).
 */
export const MEDIA_PATH_PREFIX = '/media/';
export function mediaUrlPath(storyId: string, mediaFile: string): string {
  return `${MEDIA_PATH_PREFIX}${storyId}/${mediaFile}`;
}
