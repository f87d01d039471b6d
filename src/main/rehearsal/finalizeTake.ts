/**
 * Ending a take for good, whatever ended it (finish, abort, an abandoned page, quitting, a crash
 * found at the next start): the recording made seekable (or an empty one removed), the sidecar
 * written atomically with how the take ended, and committed.
 */
import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FinishedTake } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { MAX_TAKE_MS, type TakeStatus, type TakeTiming } from '../../core/rehearsal/take';
import { atomicWriteFile } from '../fs/atomicWrite';
import { ioError } from './takePaths';
import { sidecarOf, sidecarText, storedTake, type TakeInfo } from './takeSidecarFile';

/** What finishing a take needs from the vault. */
export interface TakeVault {
  /** The story's title for the commit message (its id when the story is gone). */
  title(storyId: string): string;
  commit(files: string[], message: string): Promise<{ committed: boolean; message: string }>;
  changed(storyId: string): void;
}

/** Makes the recording seekable, writes the sidecar for good and commits it. */
export async function finalizeTake(
  info: TakeInfo,
  status: TakeStatus,
  reason: string,
  timing: TakeTiming | undefined,
  elapsedMs: number,
  vault: TakeVault,
): Promise<FinishedTake> {
  let media = info.mediaFile;
  let seekable = false;
  let recordedMs: number | null = null;
  let mediaMessage = 'no recording: this take has timing only';
  if (media) {
    const path = join(info.dir.absolute, media);
    const found = await lstat(path).catch(() => null);
    if (!found?.isFile()) {
      mediaMessage = 'the recording is missing';
      media = null;
    } else if (found.size === 0) {
      await rm(path, { force: true });
      mediaMessage = 'nothing was recorded; the empty file was removed';
      media = null;
    } else {
      // Loaded when a take ends, not at start-up: ts-ebml and its decoders take ~50 ms to load.
      const { makeWebmSeekable } = await import('./webmSeekable');
      const fixed = await makeWebmSeekable(path);
      seekable = fixed.seekable;
      recordedMs = fixed.durationMs;
      mediaMessage = fixed.message;
    }
  }
  const fallbackMs = Math.min(Math.max(0, Math.round(recordedMs ?? elapsedMs)), MAX_TAKE_MS);
  const sidecar = sidecarOf(info, status, reason, timing, media, seekable, fallbackMs);
  const relative = `${info.dir.relative}/${info.stem}.json`;
  try {
    await atomicWriteFile(join(info.dir.absolute, `${info.stem}.json`), sidecarText(sidecar));
  } catch (error) {
    const failure = ioError(`could not write ${relative}`, error as NodeJS.ErrnoException);
    throw new StoryBankError(
      'io',
      `${failure.message}. The recording is kept; the take will be finished as interrupted at the next start.`,
    );
  }
  const git = await vault.commit(
    [relative],
    `rehearsal: ${vault.title(info.storyId)}${sidecar.drill ? ' (drill)' : ''}${status === 'interrupted' ? ' (interrupted)' : ''}`,
  );
  vault.changed(info.storyId);
  const stored = await storedTake(info.dir, info.stem, sidecar);
  if ('message' in stored) throw new StoryBankError('io', stored.message);
  return { take: stored, committed: git.committed, gitMessage: git.message, mediaMessage };
}
