/**
 * What a finished take's sidecar says about it, from what the teleprompter measured.
 *
 * Why a function of its own: the teleprompter works on the take's clock (pauses included) with
 * unrounded numbers; the sidecar is a committed file read by people and by the history view, so it
 * holds whole milliseconds, paces within the schema's bounds, and section marks on the recording's
 * clock (the recorder pauses with the teleprompter, so a marker at 0:42 on the player's timeline is
 * where that section began in the video). One rule here keeps the file, the summary on screen and
 * the player's markers in agreement.
 *
 * Rules:
 * - Sections are listed in STAR order, skipped ones (no time on them) left out.
 * - Durations, voiced times and pause lengths are rounded to whole ms (section times down, so the
 *   sections never add up to more than the take) and clipped to `MAX_TAKE_MS`;
 *   paces are rounded to one decimal and capped at the schema's 1000 wpm (a cough read as a word
 *   should not make a file the app cannot read back); no voice analysis means voiced time 0 and
 *   no pace.
 * - Each section says who timed it (`timedBy`) when the teleprompter said; otherwise it is left out.
 * - Marks are converted with `toActiveMs`, less the recorder's start, floored at 0; they keep their
 *   order, and a mark at the same time as the next one (left at once) is dropped, as is a mark
 *   repeating the section before it; at most `MAX_TAKE_MARKS` are kept (the first ones).
 */
import { SECTION_KEYS, type SectionKey } from '../story';
import { toActiveMs, type Interval } from './intervals';
import { sectionTiming, type SectionMark } from './sectionTiming';
import { MAX_TAKE_MARKS, MAX_TAKE_MS, MAX_TAKE_PAUSES, type TakeMode, type TakeTiming } from './take';
import type { TimedBy } from './takeVerdict';
import type { VoiceAnalysis } from './voiceActivity';

const MAX_PACE_WPM = 1000;

export interface TakeMeasurements {
  /** The take's length on its clock, pauses included. */
  totalMs: number;
  pauses: readonly Interval[];
  /** Every section change, in order, on the take's clock (Situation at 0 first). */
  marks: readonly SectionMark[];
  /**
   * When the recorder started, on the take's clock (starting the take on disk takes a round trip,
   * so the video begins a moment after the script): marks are placed relative to it. 0 if omitted.
   */
  recordingStartMs?: number;
  /** The voice analysis of the take, or null when no microphone listened. */
  voice: VoiceAnalysis | null;
  device: string;
  mode: TakeMode;
  notes: string;
  /** Who set each section's time (the summary's "scroll pace"); left out of sections it omits. */
  timedBy?: Partial<Record<SectionKey, TimedBy | null>>;
}

const wholeMs = (ms: number): number => Math.min(MAX_TAKE_MS, Math.max(0, Math.round(ms)));
/** Section times round down, so they never add up to more than the (rounded) take. */
const wholeMsDown = (ms: number): number => Math.min(MAX_TAKE_MS, Math.max(0, Math.floor(ms)));
const wpm = (pace: number | null): number | null =>
  pace === null || !Number.isFinite(pace) ? null : Math.min(MAX_PACE_WPM, Math.round(pace * 10) / 10);

/** The timing part of a take's sidecar (`finishTake`, `abortTake`). */
export function takeRecord(measured: TakeMeasurements): TakeTiming {
  const { totalMs, pauses, marks, voice } = measured;
  const timing = sectionTiming(marks, { totalMs, pauses });
  const sections = SECTION_KEYS.filter((key) => !timing.sections[key].skipped).map((key) => ({
    section: key,
    targetMs: wholeMs(timing.sections[key].targetSeconds * 1000),
    durationMs: wholeMsDown(timing.sections[key].durationMs),
    voicedMs: wholeMs(voice?.sections[key].voicedMs ?? 0),
    paceWpm: wpm(voice?.sections[key].pace ?? null),
    ...(measured.timedBy?.[key] ? { timedBy: measured.timedBy[key] } : {}),
  }));

  const recordingStart = toActiveMs(measured.recordingStartMs ?? 0, timing.pauses);
  const onRecording = (rawMs: number) => wholeMs(toActiveMs(rawMs, timing.pauses) - recordingStart);
  const recordingMarks: Array<{ section: SectionMark['section']; atMs: number }> = [];
  marks.forEach((mark, index) => {
    const atMs = onRecording(mark.atMs);
    const next = marks[index + 1];
    if (next && onRecording(next.atMs) === atMs) return;
    if (recordingMarks.at(-1)?.section === mark.section) return;
    recordingMarks.push({ section: mark.section, atMs });
  });

  return {
    durationMs: wholeMs(timing.total.durationMs),
    sections,
    voicedMs: wholeMs(voice?.total.voicedMs ?? 0),
    pauses: (voice?.total.longPauses ?? []).slice(0, MAX_TAKE_PAUSES).map((pause) => ({
      startMs: wholeMs(pause.startMs),
      lengthMs: wholeMs(pause.lengthMs),
      section: pause.section,
    })),
    paceWpm: wpm(voice?.total.pace ?? null),
    device: measured.device.slice(0, 256),
    mode: measured.mode,
    notes: measured.notes,
    marks: recordingMarks.slice(0, MAX_TAKE_MARKS),
  };
}
