import { z } from 'zod';
import { drillRecordSchema } from '../drill/drillSchema';
import { SECTION_KEYS } from '../story';
import { storyIdSchema } from '../storySchema';
import {
  MAX_DEVICE_LABEL,
  MAX_STATUS_REASON,
  MAX_TAKE_MARKS,
  MAX_TAKE_MS,
  MAX_TAKE_NOTES,
  MAX_TAKE_PAUSES,
  TAKE_FILE_PATTERN,
  TAKE_MODES,
  TAKE_SIDECAR_VERSION,
  TAKE_STATUSES,
  TAKE_STEM_PATTERN,
  TIMED_BY,
} from './take';

/**
 * The schemas of a take's files and of what the renderer sends (see take.ts for the model). Only
 * main parses them; the renderer imports take.ts, which takes its types from here and no zod.
 */
export const takeStemSchema = z.string().regex(TAKE_STEM_PATTERN, 'a take is named by its start time');
/** A take's file name as `listTakes` gives it: `<stem>.json` or `<stem>.webm`, nothing else. */
export const takeFileSchema = z
  .string()
  .max(64)
  .regex(TAKE_FILE_PATTERN, 'a take file is <start time>.json or <start time>.webm');
export const takeMediaFileSchema = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?:-[1-9]\d?)?\.webm$/, 'a recording is <start time>.webm');

const ms = z.number().int('milliseconds are whole numbers').min(0).max(MAX_TAKE_MS);
/** Words per minute of speech; null when there was too little speech to say. */
const paceWpm = z.number().min(0).max(1000).nullable();
const sectionKey = z.enum(SECTION_KEYS);

export const takeSectionSchema = z
  .object({
    section: sectionKey,
    /** The section's target (15 s, 15 s, 60 s, 30 s for the assignment). */
    targetMs: ms,
    /** Time spent on the section, teleprompter pauses excluded. */
    durationMs: ms,
    /** Speech detected in the section. */
    voicedMs: ms,
    paceWpm,
    /**
     * Who set the section's time: the speaker (keys, voice) or the scroll's own pace, which says
     * how long the script took to scroll, not how long anyone spoke. Absent in older takes.
     */
    timedBy: z.enum(TIMED_BY).optional(),
  })
  .strict();

/** A silence of more than 2 s between two stretches of speech. */
export const takePauseSchema = z
  .object({
    /** When it began, on the take's clock. */
    startMs: ms,
    lengthMs: ms,
    /** The section on screen when it began; null before the first section. */
    section: sectionKey.nullable(),
  })
  .strict();

/**
 * A section coming on screen, on the recording's clock (teleprompter pauses excluded, as the
 * recorder is paused with them): the markers on the playback timeline.
 */
export const takeMarkSchema = z.object({ section: sectionKey, atMs: ms }).strict();

/** What the renderer measured during a take and sends with `finishTake`. */
export const takeTimingSchema = z
  .object({
    /** The whole take, teleprompter pauses excluded. */
    durationMs: ms,
    /** One entry per STAR section rehearsed, each section at most once. */
    sections: z
      .array(takeSectionSchema)
      .max(SECTION_KEYS.length)
      .refine((list) => new Set(list.map((entry) => entry.section)).size === list.length, 'a section is listed twice'),
    voicedMs: ms,
    pauses: z.array(takePauseSchema).max(MAX_TAKE_PAUSES),
    paceWpm,
    /** The camera or microphone as the browser names it (may be empty). */
    device: z.string().max(MAX_DEVICE_LABEL),
    mode: z.enum(TAKE_MODES),
    notes: z.string().max(MAX_TAKE_NOTES),
    /** Every section change in order (absent in takes written before markers were kept). */
    marks: z.array(takeMarkSchema).max(MAX_TAKE_MARKS).optional(),
    /** A mock-interview drill: the question, the picks, the peeks and the rubric (absent for a rehearsal). */
    drill: drillRecordSchema.optional(),
  })
  .strict();
export type TakeTiming = z.infer<typeof takeTimingSchema>;

const commitSchema = z.string().regex(/^[0-9a-f]{40}$/, 'a commit is 40 hexadecimal digits');

/**
 * The committed sidecar: what main records, then the timing. Parsing returns the keys in this
 * order, which is the order they are written in, so files diff well in git.
 */
export const takeSidecarSchema = z
  .object({
    version: z.literal(TAKE_SIDECAR_VERSION),
    storyId: storyIdSchema,
    /** When the take started (ISO 8601, UTC). */
    date: z.iso.datetime(),
    /** The last commit of the story file when the take started; null when it was never committed. */
    revision: commitSchema.nullable(),
    status: z.enum(TAKE_STATUSES),
    /** Why the take was interrupted, in words for the user ('' otherwise). */
    statusReason: z.string().max(MAX_STATUS_REASON),
    /** The recording next to this sidecar, or null for a take with timing only. */
    media: takeMediaFileSchema.nullable(),
    /** The recording has its duration and cues written in, so a player can seek in it. */
    mediaSeekable: z.boolean(),
    ...takeTimingSchema.shape,
  })
  .strict();
export type TakeSidecar = z.infer<typeof takeSidecarSchema>;
