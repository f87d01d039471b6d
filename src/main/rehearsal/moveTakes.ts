import { mkdir, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StoryBankError } from '../../core/apiError';
import { atomicWriteFile, renameNoReplace } from '../fs/atomicWrite';
import { REHEARSALS_DIR } from '../vault/vaultLayout';
import { ioError, parseTakeFile, rehearsalsRoot, takeDir } from './takePaths';
import { readSidecar, sidecarText } from './takeSidecarFile';

/**
 * Moves a story's takes when its id changes: `rehearsals/<from>/` becomes `rehearsals/<to>/`, each
 * sidecar rewritten (atomically) to name the new id, each recording moved as it is. A folder the
 * new id already has is never merged into: that is refused before anything moves. Returns the
 * vault-relative files to commit (the sidecars' old and new paths); none when there were no takes.
 * The caller makes sure no take of the story is recording.
 */
export async function moveTakes(vaultRoot: string, from: string, to: string): Promise<string[]> {
  const source = await takeDir(vaultRoot, from, false);
  if (!source) return [];
  const root = (await rehearsalsRoot(vaultRoot, false))!;
  // Exclusive: another story's folder (or one made a moment ago) is never written into.
  await mkdir(join(root, to)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST')
      throw new StoryBankError('conflict', `${REHEARSALS_DIR}/${to} exists already; the takes were not moved`);
    throw ioError(`could not make ${REHEARSALS_DIR}/${to}`, error);
  });
  const target = (await takeDir(vaultRoot, to, false))!;
  const changed: string[] = [];
  const entries = await readdir(source.absolute, { withFileTypes: true });
  // Folders and links stay where they are (takes are plain files): the old folder is then kept too.
  const names = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  for (const name of names.sort()) {
    const take = parseTakeFile(name);
    const read = take?.kind === 'json' ? await readSidecar(source, name, from) : null;
    if (read && 'sidecar' in read) {
      await atomicWriteFile(join(target.absolute, name), sidecarText({ ...read.sidecar, storyId: to }), undefined, {
        replace: false,
      });
      await unlink(join(source.absolute, name));
      changed.push(`${source.relative}/${name}`, `${target.relative}/${name}`);
    } else {
      // Recordings, and anything that is not a readable take, move as they are.
      await renameNoReplace(join(source.absolute, name), join(target.absolute, name));
      if (take?.kind === 'json') changed.push(`${source.relative}/${name}`, `${target.relative}/${name}`);
    }
  }
  await rmdir(source.absolute).catch(() => undefined);
  return changed;
}
