import { compareFiles } from './compareFiles';
import { COMPETENCIES } from './competencies';
import type { Story } from './story';

/**
 * The one order of the bank's stories: what numbers them #1, #2, … on the board's cards, in the
 * checker's "Story N" findings, in the deliverable and in `story-bank check` / `export`.
 *
 * By default it is the board's: competency by competency in the assignment's order, and within a
 * competency by file (code unit, the same on every machine), so it never depends on what the
 * files happen to be called. A saved order (story ids, from the vault's order file) comes first;
 * ids no story has are skipped, and stories it does not name follow in the default order.
 */
export interface Ordered {
  file: string;
  story: Pick<Story, 'id' | 'competency'>;
}

const competencyRank = new Map<string, number>(COMPETENCIES.map((c, index) => [c.id, index]));

function defaultCompare(a: Ordered, b: Ordered): number {
  const rank =
    (competencyRank.get(a.story.competency) ?? COMPETENCIES.length) -
    (competencyRank.get(b.story.competency) ?? COMPETENCIES.length);
  return rank || compareFiles(a.file, b.file);
}

/** `records` in the bank's order (a new array; the input is left as it is). */
export function orderStories<T extends Ordered>(records: readonly T[], saved: readonly string[] | null = null): T[] {
  const byDefault = [...records].sort(defaultCompare);
  if (!saved?.length) return byDefault;
  const byId = new Map<string, T>();
  // Of two records with one id (a vault lists only one), the first in default order stands.
  for (const record of byDefault) if (!byId.has(record.story.id)) byId.set(record.story.id, record);
  const placed = new Set<T>();
  for (const id of saved) {
    const record = byId.get(id);
    if (record) placed.add(record);
  }
  return [...placed, ...byDefault.filter((record) => !placed.has(record))];
}

/**
 * The ids of `ordered` after moving `id` to `to` (0-based, clamped to the list). Unchanged when
 * the id is not in the list.
 */
export function moveInOrder(ordered: readonly string[], id: string, to: number): string[] {
  const from = ordered.indexOf(id);
  if (from < 0) return [...ordered];
  const rest = ordered.filter((other) => other !== id);
  const at = Math.max(0, Math.min(rest.length, Math.round(to)));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
