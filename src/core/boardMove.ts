import type { SaveResult } from './api';
import { competencyLabel, type CompetencyId } from './competencies';

/**
 * What moving a card to another column did, with the sentence to tell the user. A move writes
 * only the story's `competency` line, against the file version the board showed: if the file
 * changed on disk since, the two are merged, or nothing is written at all.
 */
export interface MoveOutcome {
  /**
   * `moved`: written; `merged`: written, together with an outside edit made meanwhile;
   * `unchanged`: the story was already there; `conflict`: the file changed on disk in the same
   * place, nothing written; `missing`: no such story any more; `failed`: the save failed.
   */
  kind: 'moved' | 'merged' | 'unchanged' | 'conflict' | 'missing' | 'failed';
  id: string;
  competency: CompetencyId;
  message: string;
}

export function moveSucceeded(outcome: MoveOutcome): boolean {
  return outcome.kind === 'moved' || outcome.kind === 'merged' || outcome.kind === 'unchanged';
}

/** The outcome of a move from the result of its save. */
export function moveOutcome(
  result: SaveResult,
  story: { id: string; title: string },
  competency: CompetencyId,
): MoveOutcome {
  const to = competencyLabel(competency);
  const base = { id: story.id, competency };
  if (result.kind === 'conflict')
    return {
      ...base,
      kind: 'conflict',
      message: `“${story.title}” was not moved: ${result.file} changed on disk since the board showed it, in the same place. Nothing was written; open the story to see the change.`,
    };
  if (result.kind === 'merged')
    return {
      ...base,
      kind: 'merged',
      message: `Moved “${story.title}” to ${to}. Its file had changed on disk meanwhile; both changes were kept.`,
    };
  return { ...base, kind: 'moved', message: `Moved “${story.title}” to ${to}.` };
}

/** The outcome when no save was needed or possible. */
export function moveNotMade(
  kind: 'unchanged' | 'missing' | 'failed',
  story: { id: string; title?: string },
  competency: CompetencyId,
  reason = '',
): MoveOutcome {
  const to = competencyLabel(competency);
  const name = `“${story.title ?? story.id}”`;
  const message =
    kind === 'unchanged'
      ? `${name} is already under ${to}.`
      : kind === 'missing'
        ? `${name} is no longer in the vault; nothing was moved.`
        : `${name} was not moved to ${to}: ${reason || 'the save failed'}.`;
  return { kind, id: story.id, competency, message };
}
