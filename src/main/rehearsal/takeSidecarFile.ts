/**
 * A take's sidecar on disk (`rehearsals/<story-id>/<stem>.json`): what it holds for a take that is
 * ending, its text, reading it back (checked against the schema, never following a link), and the
 * take as the renderer sees it.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredTake, TakeProblem } from '../../core/api';
import {
  MAX_STATUS_REASON,
  TAKE_SIDECAR_VERSION,
  emptyTiming,
  mediaUrlPath,
  type TakeMode,
  type TakeSidecar,
  type TakeStatus,
  type TakeTiming,
} from '../../core/rehearsal/take';
import type { DrillRecord } from '../../core/drill/drillRecord';
import { takeSidecarSchema } from '../../core/rehearsal/takeSchema';
import { readFileNoFollow } from '../fs/noLinks';
import type { TakeDir } from './takePaths';

/** A sidecar larger than this is not one of ours (the bounded schema stays far below it). */
const MAX_SIDECAR_BYTES = 512 * 1024;

/** What a take's sidecar is made from, besides its timing. */
export interface TakeInfo {
  storyId: string;
  dir: TakeDir;
  stem: string;
  date: string;
  revision: string | null;
  mode: TakeMode;
  mediaFile: string | null;
  /** A drill's record from its start, kept when the take ends without timing (a crash, an abandoned page). */
  drill?: DrillRecord;
}

export function sidecarOf(
  info: TakeInfo,
  status: TakeStatus,
  reason: string,
  timing: TakeTiming | undefined,
  media: string | null,
  seekable: boolean,
  fallbackMs = 0,
): TakeSidecar {
  const measured = timing ?? { ...emptyTiming(info.mode), durationMs: fallbackMs };
  // A take without a recording is "no recording", whatever the page thought it was recording.
  const mode: TakeMode =
    media === null && status !== 'recording'
      ? 'no-recording'
      : measured.mode === 'no-recording'
        ? info.mode
        : measured.mode;
  const drill = measured.drill ?? info.drill;
  return takeSidecarSchema.parse({
    ...measured,
    ...(drill && { drill }),
    mode,
    version: TAKE_SIDECAR_VERSION,
    storyId: info.storyId,
    date: info.date,
    revision: info.revision,
    status,
    statusReason: reason.slice(0, MAX_STATUS_REASON),
    media,
    mediaSeekable: media !== null && seekable,
  });
}

/** The take as the renderer sees it, or a problem when its recording is not a plain file. */
export async function storedTake(dir: TakeDir, stem: string, sidecar: TakeSidecar): Promise<StoredTake | TakeProblem> {
  const take: StoredTake = {
    storyId: sidecar.storyId,
    file: `${stem}.json`,
    path: `${dir.relative}/${stem}.json`,
    sidecar,
    media: null,
  };
  const mediaFile = `${stem}.webm`;
  const info = await lstat(join(dir.absolute, mediaFile)).catch(() => null);
  if (info && !info.isFile())
    return {
      file: mediaFile,
      path: `${dir.relative}/${mediaFile}`,
      message: `${dir.relative}/${mediaFile} is ${info.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a file'}`,
    };
  if (info)
    take.media = {
      file: mediaFile,
      path: `${dir.relative}/${mediaFile}`,
      bytes: info.size,
      url: mediaUrlPath(sidecar.storyId, mediaFile),
    };
  return take;
}

export function sidecarText(sidecar: TakeSidecar): string {
  return `${JSON.stringify(sidecar, null, 2)}\n`;
}

/** Reads and checks a sidecar; a message says why it is not a take. */
export async function readSidecar(
  dir: TakeDir,
  name: string,
  storyId: string,
): Promise<{ sidecar: TakeSidecar } | { message: string }> {
  const path = join(dir.absolute, name);
  const info = await lstat(path).catch(() => null);
  if (!info) return { message: "the take's details file is gone" };
  if (!info.isFile())
    return {
      message: `the take's details file is ${info.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a file'}`,
    };
  if (info.size > MAX_SIDECAR_BYTES)
    return { message: `the take's details file is ${info.size} bytes; too large to be a take` };
  let data: unknown;
  try {
    data = JSON.parse((await readFileNoFollow(path))?.toString('utf8') ?? '');
  } catch (error) {
    return { message: `the take's details file is not valid JSON (${(error as Error).message})` };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (version !== TAKE_SIDECAR_VERSION)
    return {
      message:
        typeof version === 'number' && version > TAKE_SIDECAR_VERSION
          ? `the take's details file is version ${version}, written by a newer Story Bank`
          : "the take's details file has no version 1: it was not written by Story Bank",
    };
  const parsed = takeSidecarSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      message: `the take's details file does not describe a take: ${issue.path.join('.') || 'file'}: ${issue.message}`,
    };
  }
  if (parsed.data.storyId !== storyId)
    return { message: `the take's details file belongs to story "${parsed.data.storyId}", not to this folder's` };
  return { sidecar: parsed.data };
}
