/**
 * Every drill of a vault read from its take sidecars, for `story-bank stats` (read only: no take
 * store, no lock, nothing written). Sidecars that cannot be read are returned as problems, as the
 * app lists them.
 */
import type { TakeProblem } from '../../core/api';
import { drillSummary, type DrillHistoryEntry } from '../../core/drill/drillStats';
import type { StoryRecord } from '../../core/story';
import { listTakes } from '../rehearsal/listTakes';

export async function readDrills(
  vaultRoot: string,
  stories: readonly StoryRecord[],
): Promise<{ drills: DrillHistoryEntry[]; problems: TakeProblem[] }> {
  const drills: DrillHistoryEntry[] = [];
  const problems: TakeProblem[] = [];
  for (const { story } of stories) {
    const list = await listTakes(vaultRoot, story.id);
    problems.push(...list.problems);
    for (const { sidecar } of list.takes) {
      if (sidecar.drill && sidecar.status !== 'recording')
        drills.push({ ...drillSummary(sidecar.drill), storyId: story.id, date: sidecar.date });
    }
  }
  return { drills: drills.sort((a, b) => a.date.localeCompare(b.date)), problems };
}
