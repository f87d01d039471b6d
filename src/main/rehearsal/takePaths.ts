import { lstat, mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { StoryBankError } from '../../core/apiError';
import { TAKE_FILE_PATTERN } from '../../core/rehearsal/take';
import { STORY_ID_PATTERN } from '../../core/story';
import { REHEARSALS_DIR } from '../vault/vaultLayout';

/**
 * Where takes live, and the one gate every rehearsal path passes: `rehearsals/<story-id>/` under
 * the vault, a real folder (never a symbolic link, at either level) whose resolved path is exactly
 * where it should be. Names inside it are made by main or matched against a strict pattern, so no
 * path from the renderer is ever joined as it came.
 */
export interface TakeDir {
  /** Absolute, resolved path of `rehearsals/<story-id>`. */
  absolute: string;
  /** Vault-relative with forward slashes, `rehearsals/<story-id>`. */
  relative: string;
}

/** Takes of `storyId`: creates the folder when `create` (start of a take); null when absent. */
export async function takeDir(vaultRoot: string, storyId: string, create: boolean): Promise<TakeDir | null> {
  if (!STORY_ID_PATTERN.test(storyId)) throw new StoryBankError('bad-request', `"${storyId}" is not a story id`);
  const rehearsals = await rehearsalsRoot(vaultRoot, create);
  if (!rehearsals) return null;
  const wanted = join(rehearsals, storyId);
  let info = await lstat(wanted).catch(() => null);
  if (!info && create) {
    await mkdir(wanted).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw ioError(`could not make ${REHEARSALS_DIR}/${storyId}`, error);
    });
    info = await lstat(wanted).catch(() => null);
  }
  if (!info) return null;
  refuseLink(info, `${REHEARSALS_DIR}/${storyId}`);
  if ((await realpath(wanted)) !== wanted)
    throw new StoryBankError('bad-request', `${REHEARSALS_DIR}/${storyId} resolves outside the rehearsals folder`);
  return { absolute: wanted, relative: `${REHEARSALS_DIR}/${storyId}` };
}

/** The resolved `rehearsals/` folder of the vault; null when it does not exist and `create` is off. */
export async function rehearsalsRoot(vaultRoot: string, create: boolean): Promise<string | null> {
  const root = await realpath(vaultRoot);
  const path = join(root, REHEARSALS_DIR);
  let info = await lstat(path).catch(() => null);
  if (!info && create) {
    await mkdir(path, { recursive: true });
    info = await lstat(path);
  }
  if (!info) return null;
  refuseLink(info, REHEARSALS_DIR);
  return path;
}

/** `<stem>.json` or `<stem>.webm` → its stem and kind; null for any other name. */
export function parseTakeFile(name: string): { stem: string; kind: 'json' | 'webm' } | null {
  const match = TAKE_FILE_PATTERN.exec(name);
  return match ? { stem: match[1], kind: match[2] as 'json' | 'webm' } : null;
}

function refuseLink(info: { isSymbolicLink(): boolean; isDirectory(): boolean }, shown: string): void {
  if (info.isSymbolicLink())
    throw new StoryBankError(
      'bad-request',
      `${shown} is a symbolic link; Story Bank keeps takes in a real folder only`,
    );
  if (!info.isDirectory()) throw new StoryBankError('bad-request', `${shown} is not a folder`);
}

export function ioError(what: string, error: NodeJS.ErrnoException): StoryBankError {
  return new StoryBankError('io', `${what}: ${error.code ? `${error.code} ` : ''}${error.message}`.trim());
}
