import { z } from 'zod';
import { SECTION_KEYS } from '../story';
import { storyIdSchema } from '../storySchema';
import { MAX_TAKE_MS } from '../rehearsal/take';
import { MAX_DRILL_PEEKS, MAX_DRILL_PICKS, MAX_DRILL_TEXT, MAX_RUBRIC_ITEMS, RUBRIC_KINDS } from './drillRecord';

/** The schema of a take's `drill` record (see drillRecord.ts); only main parses it. */
const ms = z.number().int('milliseconds are whole numbers').min(0).max(MAX_TAKE_MS);
const text = z.string().min(1).max(MAX_DRILL_TEXT);

/** `checked`: self-checked after the take, null until then; `under-two-minutes` is measured, never null. */
export const rubricItemSchema = z
  .object({ kind: z.enum(RUBRIC_KINDS), text: z.string().max(MAX_DRILL_TEXT), checked: z.boolean().nullable() })
  .strict()
  .refine((item) => item.kind !== 'under-two-minutes' || item.checked !== null, 'the 2:00 check is measured');

export const drillRecordSchema = z
  .object({
    /** The question type as the story's frontmatter names it. */
    questionType: text,
    /** The question as it was asked. */
    question: text,
    /** The stories the competency map named for the question type when it was asked. */
    rightStoryIds: z.array(storyIdSchema).min(1).max(MAX_DRILL_PICKS),
    /** Every pick in order, with when it was made from the question being shown; the last is the story told. */
    picks: z
      .array(z.object({ storyId: storyIdSchema, correct: z.boolean(), atMs: ms }).strict())
      .min(1, 'a drill has at least one pick')
      .max(MAX_DRILL_PICKS),
    /** The first pick was right (what accuracy counts). */
    correct: z.boolean(),
    /** Time from the question to the first pick. */
    chooseMs: ms,
    /** Each time the script of a section was shown, on the take's clock. */
    peeks: z.array(z.object({ section: z.enum(SECTION_KEYS), atMs: ms }).strict()).max(MAX_DRILL_PEEKS),
    rubric: z.array(rubricItemSchema).max(MAX_RUBRIC_ITEMS),
  })
  .strict()
  // Zod still runs these when a list's length was refused (`picks` empty): that is reported
  // already, and a refinement that read the first pick of none threw instead of answering.
  .refine(
    (drill) => noPicks(drill) || drill.correct === drill.picks[0].correct,
    'correct is whether the first pick was right',
  )
  .refine((drill) => noPicks(drill) || drill.chooseMs === drill.picks[0].atMs, 'chooseMs is the time to the first pick')
  .refine(
    (drill) => drill.picks.every((pick) => pick.correct === drill.rightStoryIds.includes(pick.storyId)),
    'a pick is right exactly when the map named its story',
  )
  .refine((drill) => noPicks(drill) || drill.picks.at(-1)!.correct, 'the story told is one the map names');

function noPicks(drill: { picks: readonly unknown[] }): boolean {
  return drill.picks.length === 0;
}

export type DrillRecord = z.infer<typeof drillRecordSchema>;
export type DrillPick = DrillRecord['picks'][number];
export type DrillPeek = DrillRecord['peeks'][number];
export type RubricItem = z.infer<typeof rubricItemSchema>;
