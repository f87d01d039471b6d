/**
 * Recovering takes after a crash: a sidecar still saying `recording` that no running take owns is
 * ended as interrupted, keeping what was recorded; temp files a crash left behind are removed.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { STORY_ID_PATTERN } from '../../core/story';
import { parseTakeFile, rehearsalsRoot, takeDir } from './takePaths';
import { readSidecar, type TakeInfo } from './takeSidecarFile';

/**
 * At start-up, a `recording` take whose recording changed more recently than this may belong to
 * another running Story Bank on the same vault: it is left alone.
 */
const RECENT_WRITE_MS = 10_000;

/**
 * At start-up: every `recording` sidecar no running take owns was left by a crash. `isOpen` says
 * which takes this Story Bank is recording; `finalize` ends one for good.
 */
export async function recoverTakes(
  vaultRoot: string,
  isOpen: (storyId: string, stem: string) => boolean,
  finalize: (info: TakeInfo, reason: string) => Promise<unknown>,
): Promise<void> {
  const root = await rehearsalsRoot(vaultRoot, false).catch(() => null);
  if (!root) return;
  const folders = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const folder of folders) {
    if (!folder.isDirectory() || !STORY_ID_PATTERN.test(folder.name)) continue;
    const dir = await takeDir(vaultRoot, folder.name, false).catch(() => null);
    if (!dir) continue;
    for (const name of await readdir(dir.absolute).catch(() => [] as string[])) {
      // A temp copy (a seekable recording, a sidecar) being written when the crash came: the original is intact.
      if (/^\..*(\.fixing\.webm|\.(webm|json)\.[0-9a-f]{12}\.tmp)$/.test(name)) {
        await rm(join(dir.absolute, name), { force: true }).catch(() => {});
        continue;
      }
      const parsed = parseTakeFile(name);
      if (parsed?.kind !== 'json') continue;
      const read = await readSidecar(dir, name, folder.name);
      if ('message' in read || read.sidecar.status !== 'recording') continue;
      if (isOpen(folder.name, parsed.stem)) continue;
      const media = await lstat(join(dir.absolute, `${parsed.stem}.webm`)).catch(() => null);
      if (media && Date.now() - media.mtimeMs < RECENT_WRITE_MS) continue;
      const { sidecar } = read;
      await finalize(
        {
          storyId: sidecar.storyId,
          dir,
          stem: parsed.stem,
          date: sidecar.date,
          revision: sidecar.revision,
          mode: sidecar.mode,
          mediaFile: media ? `${parsed.stem}.webm` : null,
          drill: sidecar.drill,
        },
        'Story Bank stopped before the take was finished (it was closed or crashed); the recording up to then is kept',
      ).catch((error: unknown) => console.error(`story-bank rehearsals: could not recover ${name}:`, error));
    }
  }
}
