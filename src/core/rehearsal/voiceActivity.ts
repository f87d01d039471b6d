/**
 * Voiced time, long pauses and pace of one take, per STAR section and in total.
 *
 * Why: a take's length says whether the story fits in 2:00, not how it was told. The voice-activity
 * detector (@ricky0123/vad-web, on the device) reports when the user was speaking; from that and the
 * section marks this module tells how much of each section was speech, where the user stopped for
 * more than 2 s, and how fast they spoke (script words ÷ voiced minutes), so a rushed Action or a
 * halting Result shows up in numbers.
 *
 * Rules:
 * - Speech segments are on the take's clock, like the marks. They are checked, clipped to the take,
 *   sorted and merged where they overlap or touch before anything is measured. A segment still open
 *   when the take stopped should be closed at the take's end by the caller.
 * - Teleprompter pauses are cut out of speech and of silences alike: talking to someone while paused
 *   is not rehearsal, and a silence that spans a pause counts only its unpaused part.
 * - A long pause is a silence between two stretches of speech lasting more than `LONG_PAUSE_MS` of
 *   active time. Silence before the first word and after the last is not a pause; it is reported as
 *   `leadingSilenceMs` and `trailingSilenceMs`. A long pause belongs to the section on screen when
 *   it began (it is not split at a section change, which would hide it).
 * - Voiced time per section is speech inside the section's spans; speech before the first mark
 *   counts only in the total.
 * - Pace needs at least `MIN_PACE_VOICED_MS` of speech in a section; below that (a cough, a skipped
 *   section, no speech at all) it is null rather than a division by almost nothing. The total pace is
 *   the words of the sections that have a pace ÷ the voiced minutes of those same sections.
 */
import { wordCount } from '../checker/timing';
import { SECTION_KEYS, type SectionKey, type Sections } from '../story';
import { normalizeIntervals, overlapMs, subtractIntervals, totalLength, uncoveredMs, type Interval } from './intervals';
import { sectionAt, sectionTiming, type SectionMark, type TakeClock } from './sectionTiming';

/** A silence longer than this (active time) is reported as a pause. */
export const LONG_PAUSE_MS = 2000;
/** Less speech than this in a section is too little to give a pace. */
export const MIN_PACE_VOICED_MS = 1000;

export interface VoiceInput extends TakeClock {
  /** Speech as the detector reported it, on the take's clock. */
  segments: readonly Interval[];
  marks: readonly SectionMark[];
  /** The script: the story's four sections as written. */
  sections: Sections;
}

export interface LongPause {
  /** When the silence began, on the take's clock. */
  startMs: number;
  /** How long it lasted, pauses of the teleprompter excluded. */
  lengthMs: number;
  /** The section on screen when it began; null before the first mark. */
  section: SectionKey | null;
}

export interface SectionVoice {
  section: SectionKey;
  voicedMs: number;
  /** Words in the section's script. */
  words: number;
  /** Script words per voiced minute; null with less than `MIN_PACE_VOICED_MS` of speech or no words. */
  pace: number | null;
  longPauses: LongPause[];
}

export interface VoiceAnalysis {
  sections: Record<SectionKey, SectionVoice>;
  total: {
    /** All speech in the take, including any before the first mark. */
    voicedMs: number;
    /** The words behind `pace`: those of the sections that have a pace. */
    words: number;
    pace: number | null;
    longPauses: LongPause[];
    /** Any speech at all was detected. */
    speechDetected: boolean;
    /** Active time before the first speech (the whole take when there is none). */
    leadingSilenceMs: number;
    /** Active time after the last speech (0 when there is none). */
    trailingSilenceMs: number;
  };
  /** Speech as measured: merged, clipped, pauses removed, sorted. */
  speech: Interval[];
}

/** Words per minute, or null when there is too little speech, or no script, to say. */
export function pace(words: number, voicedMs: number): number | null {
  return words > 0 && voicedMs >= MIN_PACE_VOICED_MS ? words / (voicedMs / 60_000) : null;
}

/** Voiced time, long pauses and pace of one take, per section and in total. */
export function analyzeVoice(input: VoiceInput): VoiceAnalysis {
  const { totalMs, marks } = input;
  const timing = sectionTiming(marks, input);
  const { pauses } = timing;
  const speech = subtractIntervals(
    normalizeIntervals(input.segments, 'speech segment', { startMs: 0, endMs: totalMs }),
    pauses,
  );

  const longPauses: LongPause[] = [];
  speech.forEach((segment, index) => {
    const next = speech[index + 1];
    if (!next) return;
    const lengthMs = uncoveredMs({ startMs: segment.endMs, endMs: next.startMs }, pauses);
    if (lengthMs > LONG_PAUSE_MS) {
      longPauses.push({ startMs: segment.endMs, lengthMs, section: sectionAt(marks, segment.endMs) });
    }
  });

  const voice = (section: SectionKey): SectionVoice => {
    const voicedMs = timing.sections[section].spans.reduce((sum, span) => sum + overlapMs(span, speech), 0);
    const words = wordCount(input.sections[section]);
    return {
      section,
      voicedMs,
      words,
      pace: pace(words, voicedMs),
      longPauses: longPauses.filter((p) => p.section === section),
    };
  };
  const sections: Record<SectionKey, SectionVoice> = {
    situation: voice('situation'),
    task: voice('task'),
    action: voice('action'),
    result: voice('result'),
  };

  const paced = SECTION_KEYS.map((key) => sections[key]).filter((s) => s.pace !== null);
  const pacedWords = paced.reduce((sum, s) => sum + s.words, 0);
  const pacedMs = paced.reduce((sum, s) => sum + s.voicedMs, 0);
  const first = speech[0];
  const last = speech.at(-1);
  return {
    sections,
    total: {
      voicedMs: totalLength(speech),
      words: pacedWords,
      pace: paced.length ? pace(pacedWords, pacedMs) : null,
      longPauses,
      speechDetected: speech.length > 0,
      leadingSilenceMs: uncoveredMs({ startMs: 0, endMs: first?.startMs ?? totalMs }, pauses),
      trailingSilenceMs: last ? uncoveredMs({ startMs: last.endMs, endMs: totalMs }, pauses) : 0,
    },
    speech,
  };
}
