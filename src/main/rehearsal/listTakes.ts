/**
 * Reading a story's takes from its rehearsals folder, without opening a take store: the app's
 * `listTakes` and `rehearsalOverview` (through TakeStore) and `story-bank stats` read them the same way.
 */
import { readdir } from 'node:fs/promises';
import type { StoredTake, TakeList, TakeProblem } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { parseTakeFile, takeDir, type TakeDir } from './takePaths';
import { readSidecar, storedTake } from './takeSidecarFile';

/** A story's takes, newest first; files that are not readable takes are listed as problems. */
export async function listTakes(vaultRoot: string, storyId: string): Promise<TakeList> {
  let dir: TakeDir | null;
  try {
    dir = await takeDir(vaultRoot, storyId, false);
  } catch (error) {
    if (!(error instanceof StoryBankError) || error.code !== 'bad-request') throw error;
    return { takes: [], problems: [{ file: storyId, path: `rehearsals/${storyId}`, message: error.message }] };
  }
  if (!dir) return { takes: [], problems: [] };
  const stems = new Map<string, { json: boolean; webm: boolean }>();
  for (const name of await readdir(dir.absolute)) {
    const parsed = parseTakeFile(name);
    if (!parsed) continue;
    const entry = stems.get(parsed.stem) ?? { json: false, webm: false };
    entry[parsed.kind] = true;
    stems.set(parsed.stem, entry);
  }
  const takes: StoredTake[] = [];
  const problems: TakeProblem[] = [];
  for (const [stem, present] of [...stems].sort(([a], [b]) => b.localeCompare(a))) {
    const json = `${stem}.json`;
    if (!present.json) {
      problems.push({
        file: `${stem}.webm`,
        path: `${dir.relative}/${stem}.webm`,
        message: 'a recording without its details file (no timing or notes); delete it if you do not need it',
      });
      continue;
    }
    const read = await readSidecar(dir, json, storyId);
    if ('message' in read) {
      problems.push({ file: json, path: `${dir.relative}/${json}`, message: read.message });
      continue;
    }
    const take = await storedTake(dir, stem, read.sidecar);
    if ('message' in take) problems.push(take);
    else takes.push(take);
  }
  takes.sort((a, b) => b.sidecar.date.localeCompare(a.sidecar.date) || b.file.localeCompare(a.file));
  return { takes, problems };
}
