/**
 * The drill record a take's sidecar keeps, from what the drill measured: whole milliseconds within
 * the schema's bounds, `correct` and `chooseMs` taken from the first pick, the rubric built from
 * the story told and the telling's duration. The first `MAX_DRILL_PICKS - 1` picks are kept with
 * the last one (the story told), the first `MAX_DRILL_PEEKS` peeks.
 */
import { MAX_TAKE_MS } from '../rehearsal/take';
import type { SectionKey, Story } from '../story';
import { MAX_DRILL_PEEKS, MAX_DRILL_PICKS, MAX_DRILL_TEXT, type DrillRecord } from './drillRecord';
import { buildRubric } from './rubric';
import type { DrillQuestion } from './selectQuestion';

const wholeMs = (ms: number): number => Math.min(MAX_TAKE_MS, Math.max(0, Math.round(ms)));

export interface DrillMeasurements {
  question: Pick<DrillQuestion, 'question' | 'rightStoryIds'> & { type: { label: string } };
  /** Every pick in order, with when it was made from the question being shown. */
  picks: ReadonlyArray<{ storyId: string; atMs: number }>;
  peeks: ReadonlyArray<{ section: SectionKey; atMs: number }>;
  /** The story told (the last pick's). */
  story: Pick<Story, 'metric' | 'tradeoff' | 'keyPhrases'>;
  /** The telling, from the first section to the end (the take's duration). */
  durationMs: number;
}

export function buildDrillRecord(measured: DrillMeasurements): DrillRecord {
  if (!measured.picks.length) throw new RangeError('a drill has at least one pick');
  const right = measured.question.rightStoryIds;
  const all = measured.picks.map((pick) => ({
    storyId: pick.storyId,
    correct: right.includes(pick.storyId),
    atMs: wholeMs(pick.atMs),
  }));
  const picks = all.length > MAX_DRILL_PICKS ? [...all.slice(0, MAX_DRILL_PICKS - 1), all.at(-1)!] : all;
  return {
    questionType: measured.question.type.label.slice(0, MAX_DRILL_TEXT),
    question: measured.question.question.slice(0, MAX_DRILL_TEXT),
    rightStoryIds: right.slice(0, MAX_DRILL_PICKS),
    picks,
    correct: picks[0].correct,
    chooseMs: picks[0].atMs,
    peeks: measured.peeks
      .slice(0, MAX_DRILL_PEEKS)
      .map((peek) => ({ section: peek.section, atMs: wholeMs(peek.atMs) })),
    rubric: buildRubric(measured.story, measured.durationMs),
  };
}
