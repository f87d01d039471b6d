import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { UiState } from '../../core/api';
import { STORY_ID_PATTERN } from '../../core/story';
import { atomicWriteFile } from '../fs/atomicWrite';
import { readFileNoFollow } from '../fs/noLinks';
import { STATE_DIR } from '../vault/vaultLayout';

const FILE = 'ui.json';

/**
 * What the app remembers of the last session in this vault; anything unreadable is forgotten,
 * and so is a link (a cloned vault may carry one to a file outside it: it is never read).
 */
export async function readUiState(vaultRoot: string): Promise<UiState> {
  try {
    const bytes = await readFileNoFollow(join(vaultRoot, STATE_DIR, FILE));
    const data = JSON.parse(bytes?.toString('utf8') ?? 'null') as { lastStoryId?: unknown } | null;
    const id = data?.lastStoryId;
    return { lastStoryId: typeof id === 'string' && STORY_ID_PATTERN.test(id) ? id : null };
  } catch {
    return { lastStoryId: null };
  }
}

/** A link at the file's place is replaced by the file, never written through (see atomicWrite). */
export async function writeUiState(vaultRoot: string, state: UiState): Promise<UiState> {
  await mkdir(join(vaultRoot, STATE_DIR), { recursive: true });
  await atomicWriteFile(join(vaultRoot, STATE_DIR, FILE), `${JSON.stringify(state, null, 2)}\n`);
  return state;
}
