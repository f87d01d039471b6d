/**
 * Which question a drill asks next, and which stories it offers as answers.
 *
 * The rule, precisely (every draw comes from one seeded generator, so a seed and the same
 * history give the same drill):
 * - Each question type of the bank gets a weight: 1, plus `DUE_WEIGHT` when a story the map lists
 *   for it is due for review today, plus `WRONG_WEIGHT` × the share of its drills whose first pick
 *   was wrong, plus `SLOW_WEIGHT` × how slow its median pick was (0 at `FAST_CHOOSE_MS` or less,
 *   rising evenly to 1 at `SLOW_CHOOSE_MS` or more), plus `NEW_WEIGHT` when it was never drilled.
 * - The type asked just before (`previousKey`) keeps a quarter of its weight, so the same question
 *   does not come twice in a row unless it is far the weakest or the only one.
 * - The type is drawn in proportion to the weights; then the wording (questionWording.ts).
 * - The choices are every story when the bank has at most `MAX_CHOICES` (keys 1–8); otherwise the
 *   right stories (at most half of the choices, drawn) and others drawn to fill. They keep the
 *   bank's order, so a story's key matches its number where it can.
 */
import type { QuestionTypeStats } from './drillStats';
import type { QuestionType } from './questionBank';
import { questionWording } from './questionWording';
import { seededRandom, weightedIndex, type Random } from './seededRandom';

export const MAX_CHOICES = 8;
export const DUE_WEIGHT = 2;
export const WRONG_WEIGHT = 3;
export const SLOW_WEIGHT = 2;
export const NEW_WEIGHT = 1;
export const FAST_CHOOSE_MS = 3_000;
export const SLOW_CHOOSE_MS = 10_000;
const REPEAT_FACTOR = 0.25;

export type WeightReason = 'due' | 'missed' | 'slow' | 'new';

export interface WeightedType {
  type: QuestionType;
  weight: number;
  /** Why it weighs more than 1, for the screen ("a story of it is due for review"…). */
  reasons: WeightReason[];
}

export interface DrillQuestion {
  type: QuestionType;
  question: string;
  /** The stories the map names for it: any of them is a right pick. */
  rightStoryIds: string[];
  /** The stories offered, in the bank's order (key 1 is the first). */
  choices: string[];
  reasons: WeightReason[];
}

export interface SelectionInput {
  bank: readonly QuestionType[];
  /** Statistics per type (questionTypeStats); types missing from it count as never drilled. */
  stats: readonly QuestionTypeStats[];
  /** Stories due for review today. */
  dueStoryIds: ReadonlySet<string>;
  /** Every story id in the bank's order (the choices are drawn from them). */
  storyIds: readonly string[];
  seed: number;
  previousKey?: string | null;
}

export function questionWeights(input: Omit<SelectionInput, 'seed' | 'storyIds'>): WeightedType[] {
  const statsOf = new Map(input.stats.map((entry) => [entry.key, entry]));
  return input.bank.map((type) => {
    const stats = statsOf.get(type.key);
    const reasons: WeightReason[] = [];
    let weight = 1;
    if (type.storyIds.some((id) => input.dueStoryIds.has(id))) {
      weight += DUE_WEIGHT;
      reasons.push('due');
    }
    if (!stats || stats.attempts === 0) {
      weight += NEW_WEIGHT;
      reasons.push('new');
    } else {
      const wrongShare = 1 - stats.accuracy!;
      if (wrongShare > 0) {
        weight += WRONG_WEIGHT * wrongShare;
        reasons.push('missed');
      }
      const slowness = Math.min(
        1,
        Math.max(0, (stats.medianChooseMs! - FAST_CHOOSE_MS) / (SLOW_CHOOSE_MS - FAST_CHOOSE_MS)),
      );
      if (slowness > 0) {
        weight += SLOW_WEIGHT * slowness;
        reasons.push('slow');
      }
    }
    if (type.key === input.previousKey && input.bank.length > 1) weight *= REPEAT_FACTOR;
    return { type, weight, reasons };
  });
}

/** The next drill's question, or null when no story names a question type. */
export function selectQuestion(input: SelectionInput): DrillQuestion | null {
  if (!input.bank.length) return null;
  const random = seededRandom(input.seed);
  const weighted = questionWeights(input);
  const { type, reasons } =
    weighted[
      weightedIndex(
        weighted.map((entry) => entry.weight),
        random,
      )
    ];
  const question = questionWording(type.label, Math.floor(random() * 1000));
  return {
    type,
    question,
    rightStoryIds: type.storyIds,
    choices: drillChoices(input.storyIds, type.storyIds, random),
    reasons,
  };
}

function drillChoices(storyIds: readonly string[], right: readonly string[], random: Random): string[] {
  if (storyIds.length <= MAX_CHOICES) return [...storyIds];
  const rightHere = storyIds.filter((id) => right.includes(id));
  const chosen = new Set(draw(rightHere, Math.min(rightHere.length, MAX_CHOICES / 2), random));
  const others = storyIds.filter((id) => !chosen.has(id) && !right.includes(id));
  for (const id of draw(others, MAX_CHOICES - chosen.size, random)) chosen.add(id);
  return storyIds.filter((id) => chosen.has(id));
}

/** `count` of `items` drawn without repeats (a partial Fisher–Yates shuffle). */
function draw<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}
