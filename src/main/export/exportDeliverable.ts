import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ExportOutcome, ExportStatus } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { check } from '../../core/checker/check';
import type { CheckOptions } from '../../core/checker/types';
import { assembleDeliverable } from '../../core/deliverable/assembleDeliverable';
import { parseDeliverable } from '../../core/deliverable/parseDeliverable';
import type { Story } from '../../core/story';
import { textDiff } from '../../core/text/textDiff';
import { atomicWriteFile, type AtomicFileSystem } from '../fs/atomicWrite';
import { firstLinkOnTheWay } from '../fs/noLinks';
import { describeWriteError } from '../fs/writeError';
import { commitFile } from '../git/commitFile';
import { readGitStateOfTop } from '../git/gitState';
import { runGit } from '../git/runGit';
import { contentHash } from '../vault/hash';
import { readExportRecord, readExportRecords, writeExportRecord } from './exportRecord';

/** Where the assignment wants the deliverable, relative to the repository's top folder. */
export const DEFAULT_EXPORT_PATH = 'week-23/day5-interview-story-bank.md';
export const EXPORT_COMMIT_MESSAGE = 'export: interview story bank';

export interface ExportTarget {
  /** The vault folder (its `.storybank/` remembers what the last export wrote). */
  vaultRoot: string;
  /** The repository's top folder, or null when git cannot be used. */
  gitRoot: string | null;
  stories: readonly Story[];
  /** How the deliverable is written (tests make the disk fail through it); the real disk by default. */
  fileSystem?: AtomicFileSystem;
}

export interface ExportOptions extends CheckOptions {
  /** Absolute path to write instead of `<git root>/week-23/day5-interview-story-bank.md`. */
  out?: string;
  /** Overwrite a deliverable that was edited by hand since the last export. */
  force?: boolean;
}

/** The deliverable's path: `out`, or the week-23 path under the repository (or the vault). */
export function exportPath(target: Pick<ExportTarget, 'vaultRoot' | 'gitRoot'>, out?: string): string {
  if (out) return resolve(out);
  return join(target.gitRoot ?? target.vaultRoot, DEFAULT_EXPORT_PATH);
}

/**
 * Writes the deliverable assembled from the vault's stories and commits it. A file there that
 * Story Bank did not write (or that was changed since) is never overwritten silently: the export
 * is refused with the difference, unless `force` says to go ahead.
 */
export async function exportDeliverable(target: ExportTarget, options: ExportOptions = {}): Promise<ExportOutcome> {
  const path = exportPath(target, options.out);
  const text = assembleDeliverable(target.stories);
  const inRepo = target.gitRoot !== null && isInside(target.gitRoot, path);
  const repoPath = inRepo ? relative(target.gitRoot!, path).split('\\').join('/') : null;
  const shown = repoPath ?? path;

  // Inside the vault's repository no link is followed; a chosen --out path may sit anywhere, but
  // the file itself must not be a link (the diff would show, and the write replace, its target).
  const link = await firstLinkOnTheWay(inRepo ? target.gitRoot! : dirname(path), path);
  if (link)
    throw new StoryBankError(
      'conflict',
      `cannot export to ${shown}: ${link} is a symbolic link, and Story Bank does not follow links; replace it with a real file or folder`,
    );

  const previous = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new StoryBankError(
      'io',
      `cannot read ${path}: ${error.code === 'EISDIR' ? 'it is a folder' : error.message}`,
    );
  });
  // Read once, when first needed, for the hand-edit test and for the record written below.
  let records: ReturnType<typeof readExportRecords> | undefined;
  const knownRecords = () => (records ??= readExportRecords(target.vaultRoot));
  const handEdited =
    previous !== null &&
    previous !== text &&
    !(await wasWrittenByExport(target, path, repoPath, previous, knownRecords()));
  if (handEdited) {
    if (options.force) {
      // Forced: the hand-edited version goes into history first, so it can still be got back.
      await commitExport(target.gitRoot, repoPath, `${EXPORT_COMMIT_MESSAGE} (hand edits kept before a forced export)`);
    } else {
      return {
        kind: 'refused',
        path,
        shownPath: shown,
        reason: `${shown} was edited by hand since Story Bank last exported it; exporting would replace those edits`,
        diff: textDiff(previous, text, shown, ['on disk', 'export']),
      };
    }
  }

  const written = previous !== text;
  if (written) {
    try {
      await mkdir(dirname(path), { recursive: true });
      await atomicWriteFile(path, text, target.fileSystem);
    } catch (error) {
      // The previous deliverable is still there, whole; nothing was committed.
      throw new StoryBankError('io', `could not write ${path}: ${describeWriteError(error)}`);
    }
  }
  const unrecorded = await writeExportRecord(
    target.vaultRoot,
    path,
    contentHash(text),
    target.fileSystem,
    knownRecords(),
  ).then(
    () => null,
    (error: unknown) => error,
  );

  const git = await commitExport(target.gitRoot, repoPath);
  if (unrecorded) {
    // Committed, the export is still known as ours (by its commit); without git, the next export asks first.
    throw new StoryBankError(
      'io',
      `wrote ${shown} (${git.message}), but could not note it in .storybank/exports.json: ${describeWriteError(unrecorded)}`,
    );
  }
  return {
    kind: written ? 'written' : 'unchanged',
    path,
    shownPath: shown,
    diff: textDiff(previous ?? '', text, shown, ['previous export', 'this export']),
    committed: git.committed,
    gitMessage: git.message,
    report: check(parseDeliverable(text), { strict: options.strict, wpm: options.wpm }),
  };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Same bytes as the last export recorded in the vault, or as the last export commit. */
async function wasWrittenByExport(
  target: ExportTarget,
  path: string,
  repoPath: string | null,
  text: string,
  records: ReturnType<typeof readExportRecords>,
): Promise<boolean> {
  if ((await readExportRecord(target.vaultRoot, path, records)) === contentHash(text)) return true;
  if (!target.gitRoot || !repoPath) return false;
  try {
    const { stdout } = await runGit(target.gitRoot, [
      'log',
      '-1',
      '--format=%H',
      '--fixed-strings',
      `--grep=${EXPORT_COMMIT_MESSAGE}`,
      '--',
      repoPath,
    ]);
    const commit = stdout.trim();
    if (!commit) return false;
    const committed = await runGit(target.gitRoot, ['show', `${commit}:${repoPath}`]);
    return committed.stdout === text;
  } catch {
    return false;
  }
}

async function commitExport(
  gitRoot: string | null,
  repoPath: string | null,
  message = EXPORT_COMMIT_MESSAGE,
): Promise<{ committed: boolean; message: string }> {
  if (!gitRoot) return { committed: false, message: 'git is not available, so the export was not committed' };
  if (!repoPath)
    return { committed: false, message: 'the file is outside the vault’s repository, so it was not committed' };
  // Read from the repository's files, and committed with `add` + `commit`: two git processes an export.
  const state = await readGitStateOfTop(gitRoot);
  if (state.kind !== 'ok') return { committed: false, message: `not committed: ${state.message}. ${state.fix}` };
  try {
    const committed = await commitFile(gitRoot, repoPath, message);
    return { committed, message: committed ? `committed as "${message}"` : 'already committed' };
  } catch (error) {
    return { committed: false, message: `not committed: ${(error as Error).message}` };
  }
}

/** Whether the deliverable exists, matches the stories as they are, and is committed as it is. */
export async function exportStatus(target: ExportTarget): Promise<ExportStatus> {
  const path = exportPath(target);
  const repoPath = target.gitRoot && isInside(target.gitRoot, path) ? relative(target.gitRoot, path) : null;
  const text = await readFile(path, 'utf8').catch(() => null);
  let committed = false;
  if (text !== null && target.gitRoot && repoPath) {
    try {
      const tracked = await runGit(target.gitRoot, ['ls-files', '--', repoPath]);
      const changed = await runGit(target.gitRoot, ['status', '--porcelain', '--', repoPath]);
      committed = tracked.stdout.trim() !== '' && changed.stdout.trim() === '';
    } catch {
      committed = false;
    }
  }
  return {
    shownPath: repoPath?.split('\\').join('/') ?? path,
    exists: text !== null,
    upToDate: text === assembleDeliverable(target.stories),
    committed,
  };
}
