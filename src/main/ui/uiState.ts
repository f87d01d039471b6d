import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { UiState } from '../../core/api';
import { STORY_ID_PATTERN } from '../../core/story';
import { STATE_DIR } from '../vault/vaultLayout';

const FILE = 'ui.json';

/** What the app remembers of the last session in this vault; anything unreadable is forgotten. */
export async function readUiState(vaultRoot: string): Promise<UiState> {
  try {
    const data = JSON.parse(await readFile(join(vaultRoot, STATE_DIR, FILE), 'utf8')) as { lastStoryId?: unknown };
    const id = data?.lastStoryId;
    return { lastStoryId: typeof id === 'string' && STORY_ID_PATTERN.test(id) ? id : null };
  } catch {
    return { lastStoryId: null };
  }
}

export async function writeUiState(vaultRoot: string, state: UiState): Promise<UiState> {
  await mkdir(join(vaultRoot, STATE_DIR), { recursive: true });
  await writeFileAtomic(join(vaultRoot, STATE_DIR, FILE), `${JSON.stringify(state, null, 2)}\n`);
  return state;
}
