import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ExportOutcome, ExportResolution, ExportStatus, KeptEdits } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { check } from '../../core/checker/check';
import type { CheckOptions } from '../../core/checker/types';
import { assembleDeliverable } from '../../core/deliverable/assembleDeliverable';
import { parseDeliverable } from '../../core/deliverable/parseDeliverable';
import type { Story } from '../../core/story';
import { conflictHunks } from '../../core/text/conflictMarkers';
import { textDiff } from '../../core/text/textDiff';
import { atomicWriteFile, type AtomicFileSystem } from '../fs/atomicWrite';
import { firstLinkOnTheWay } from '../fs/noLinks';
import { describeWriteError } from '../fs/writeError';
import { commitFile } from '../git/commitFile';
import { readGitStateOfTop } from '../git/gitState';
import { runGit } from '../git/runGit';
import { contentHash } from '../vault/hash';
import { committedBase, readStoredBase, writeStoredBase } from './exportBase';
import { readExportRecord, readExportRecords, writeExportRecord } from './exportRecord';
import { mergeHandEdits } from './mergeHandEdits';
import { lineBreakOf, toLf, withLineBreak } from '../../core/text/lineBreaks';
import { fileAt } from '../git/fileAt';

/** Where the assignment wants the deliverable, relative to the repository's top folder. */
export const DEFAULT_EXPORT_PATH = 'week-23/day5-interview-story-bank.md';
export const EXPORT_COMMIT_MESSAGE = 'export: interview story bank';
/** A merged export's commit: its file holds the user's lines, so it is never taken as a merge base. */
export const MERGED_EXPORT_COMMIT_MESSAGE = `${EXPORT_COMMIT_MESSAGE} (with your edits merged)`;

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
  /** How the user settled the conflict a previous export showed. */
  resolve?: ExportResolution;
}

/** The deliverable's path: `out`, or the week-23 path under the repository (or the vault). */
export function exportPath(target: Pick<ExportTarget, 'vaultRoot' | 'gitRoot'>, out?: string): string {
  if (out) return resolve(out);
  return join(target.gitRoot ?? target.vaultRoot, DEFAULT_EXPORT_PATH);
}

/**
 * Writes the deliverable assembled from the vault's stories and commits it. Hand edits made to the
 * file since the last export are merged three ways with the new export (against what the last
 * export generated); where both changed the same lines nothing is written and the conflict is
 * returned for the user to settle (`resolve`). A file Story Bank never wrote is not overwritten
 * silently: the export is refused with the difference, unless `force` says to go ahead.
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

  const found = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new StoryBankError(
      'io',
      `cannot read ${path}: ${error.code === 'EISDIR' ? 'it is a folder' : error.message}`,
    );
  });
  // Compared and merged with LF breaks, as generated; written back with the file's own breaks,
  // so a checkout with CRLF (git's autocrlf on Windows) is the same text, not an edit of every line.
  const lineBreak = found === null ? '\n' : lineBreakOf(found);
  const previous = found === null ? null : toLf(found);
  // Read once, when first needed, for the hand-edit test and for the record written below.
  let records: ReturnType<typeof readExportRecords> | undefined;
  const knownRecords = () => (records ??= readExportRecords(target.vaultRoot));
  const storedBase = await readStoredBase(target.vaultRoot, path);
  let final = text;
  let editsMerged = false;
  if (previous !== null && previous !== text && options.force) {
    if (!(await wasWrittenByExport(target, path, repoPath, previous, knownRecords()))) {
      // Forced: the hand-edited version goes into history first, so it can still be got back.
      await commitExport(target.gitRoot, repoPath, `${EXPORT_COMMIT_MESSAGE} (hand edits kept before a forced export)`);
    }
  } else if (previous !== null && previous !== text) {
    const base =
      storedBase ??
      (repoPath ? await committedBase(target.gitRoot!, repoPath, EXPORT_COMMIT_MESSAGE) : null) ??
      ((await readExportRecord(target.vaultRoot, path, knownRecords())) === contentHash(previous) ? previous : null);
    if (base === null) {
      // Nothing says what Story Bank last wrote here (or it never did): ask before replacing the file.
      return {
        kind: 'refused',
        path,
        shownPath: shown,
        reason: `${shown} was edited by hand since Story Bank last exported it; exporting would replace those edits`,
        diff: textDiff(previous, text, shown, ['on disk', 'export']),
      };
    }
    const fileHash = contentHash(previous);
    const exportHash = contentHash(text);
    const resolve = options.resolve;
    if (resolve && (resolve.fileHash !== fileHash || resolve.exportHash !== exportHash))
      throw new StoryBankError(
        'conflict',
        `${shown} or the stories changed while you chose; nothing was written. Export again to see the merge as it is now`,
      );
    const merge = await mergeHandEdits(previous, base, text, resolve);
    if (merge.kind === 'conflict') {
      const hunks = conflictHunks(merge.mergedText);
      return {
        kind: 'conflict',
        path,
        shownPath: shown,
        reason: `${shown} has your edits and the new export changing the same lines in ${hunks.length} ${hunks.length === 1 ? 'place' : 'places'}; nothing was written`,
        mergedText: merge.mergedText,
        hunks,
        diff: textDiff(previous, text, shown, ['on disk', 'export']),
        fileHash,
        exportHash,
      };
    }
    if (merge.replacesEdits)
      await commitExport(target.gitRoot, repoPath, `${EXPORT_COMMIT_MESSAGE} (hand edits kept before a merge)`);
    final = merge.text;
    editsMerged = final !== text;
  }

  const bytes = withLineBreak(final, lineBreak);
  const written = found !== bytes;
  if (written) {
    try {
      await mkdir(dirname(path), { recursive: true });
      await atomicWriteFile(path, bytes, target.fileSystem);
    } catch (error) {
      // The previous deliverable is still there, whole; nothing was committed.
      throw new StoryBankError('io', `could not write ${path}: ${describeWriteError(error)}`);
    }
  }
  // The next export merges against what this one generated (not what it wrote, which has the user's lines).
  const unstored =
    storedBase === text
      ? null
      : await writeStoredBase(target.vaultRoot, path, text, target.fileSystem).then(
          () => null,
          (error: unknown) => error,
        );
  const unrecorded = await writeExportRecord(
    target.vaultRoot,
    path,
    contentHash(final),
    target.fileSystem,
    knownRecords(),
  ).then(
    () => null,
    (error: unknown) => error,
  );

  const git = await commitExport(target.gitRoot, repoPath, editsMerged ? MERGED_EXPORT_COMMIT_MESSAGE : undefined);
  const unnoted = unrecorded ?? unstored;
  if (unnoted) {
    // Committed, the export is still known as ours (by its commit); without git, the next export asks first.
    throw new StoryBankError(
      'io',
      `wrote ${shown} (${git.message}), but could not note it in .storybank/${unrecorded ? 'exports.json' : 'export-bases/'}: ${describeWriteError(unnoted)}`,
    );
  }
  const report = check(parseDeliverable(final), { strict: options.strict, wpm: options.wpm });
  return {
    kind: written ? 'written' : 'unchanged',
    path,
    shownPath: shown,
    diff: textDiff(previous ?? '', final, shown, ['previous export', 'this export']),
    committed: git.committed,
    gitMessage: git.message,
    report,
    text: final,
    keptEdits: editsMerged ? keptEdits(text, final, shown, report, options) : null,
  };
}

/** The user's lines in the written file, and the criteria they broke (the bare export passes those). */
function keptEdits(
  exported: string,
  written: string,
  shown: string,
  report: ReturnType<typeof check>,
  options: CheckOptions,
): KeptEdits {
  const bare = check(parseDeliverable(exported), { strict: options.strict, wpm: options.wpm });
  const failing = new Set(report.criteria.filter((criterion) => !criterion.pass).map((criterion) => criterion.id));
  return {
    diff: textDiff(exported, written, shown, ['export', 'with your edits']),
    brokenCriteria: bare.criteria.filter((criterion) => criterion.pass && failing.has(criterion.id)).map((c) => c.id),
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
    return (await fileAt(target.gitRoot, commit, repoPath)) === text;
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
  const found = await readFile(path, 'utf8').catch(() => null);
  const text = found === null ? null : toLf(found);
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
  const exported = assembleDeliverable(target.stories);
  return {
    shownPath: repoPath?.split('\\').join('/') ?? path,
    exists: text !== null,
    // A file with the user's edits merged in is up to date when it is what the last export wrote from these stories.
    upToDate:
      text === exported ||
      (text !== null &&
        (await readStoredBase(target.vaultRoot, path)) === exported &&
        (await readExportRecord(target.vaultRoot, path)) === contentHash(text)),
    committed,
  };
}
