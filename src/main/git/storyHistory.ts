import type { StoryRevision } from '../../core/api';
import { runGit } from './runGit';
import { fileAt } from './fileAt';

const FIELD = '\u001f';
const RECORD = '\u001e';

/**
 * The commits that touched a story file, newest first, following renames. Each names the path
 * the file had in that commit, relative to the repository top.
 */
export async function storyHistory(root: string, file: string): Promise<StoryRevision[]> {
  let stdout: string;
  try {
    ({ stdout } = await runGit(root, [
      'log',
      '--follow',
      '--name-only',
      `--format=${RECORD}%H${FIELD}%aI${FIELD}%s`,
      '--',
      file,
    ]));
  } catch {
    return [];
  }
  return stdout
    .split(RECORD)
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const [header, ...names] = chunk.trim().split('\n');
      const [commit, date, subject] = header.split(FIELD);
      return { commit, date, subject, path: names.filter(Boolean).pop() ?? file };
    });
}

/** The text of a story file as it was in `commit` (path relative to the repository top). */
export async function storyTextAt(root: string, commit: string, path: string): Promise<string> {
  return fileAt(root, commit, path);
}

/** The last committed text of a vault-relative file, or null when it was never committed. */
export async function committedText(root: string, file: string): Promise<string | null> {
  try {
    return await fileAt(root, 'HEAD', `./${file}`);
  } catch {
    return null;
  }
}

/**
 * When each file under `root` was first committed, following renames (so a story renamed after
 * a change of title keeps the day it was written), keyed by its path relative to `root` now.
 * One `git log` for the whole vault rather than one per story. Empty when git has nothing.
 */
export async function firstCommitDates(root: string): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  let stdout: string;
  try {
    ({ stdout } = await runGit(root, [
      '-c',
      'core.quotePath=false',
      'log',
      '--reverse',
      '--relative',
      '-M',
      '--name-status',
      `--format=${RECORD}%aI`,
      '--',
      '.',
    ]));
  } catch {
    return dates;
  }
  for (const chunk of stdout.split(RECORD)) {
    const [date, ...lines] = chunk.trim().split('\n');
    if (!date) continue;
    for (const line of lines) {
      const [status, ...paths] = line.split('\t');
      if (!status || paths.length === 0) continue;
      if (status.startsWith('R') && paths.length === 2) {
        dates.set(paths[1], dates.get(paths[0]) ?? date);
        dates.delete(paths[0]);
      } else if (status === 'D') dates.delete(paths[0]);
      else if (!dates.has(paths[0])) dates.set(paths[0], date);
    }
  }
  return dates;
}
