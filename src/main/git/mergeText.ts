import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';

export interface MergeOutcome {
  text: string;
  /** True when no part of the two sides conflicted. */
  clean: boolean;
}

export interface MergeOptions {
  /** How the markers name mine, base and theirs (a story's edits by default). */
  labels?: readonly [string, string, string];
  /** Where both sides changed the same lines, take this side's lines instead of marking them. */
  favor?: 'mine' | 'theirs';
}

const STORY_LABELS = ['yours (in Story Bank)', 'the version you started from', 'on disk (edited elsewhere)'] as const;

/**
 * A line-based three-way merge by `git merge-file` (no repository needed): `mine` and `theirs`
 * both started from `base`. Conflicting hunks carry the usual markers, labelled for the user.
 */
export async function mergeText(
  mine: string,
  base: string,
  theirs: string,
  options: MergeOptions = {},
): Promise<MergeOutcome> {
  const [mineLabel, baseLabel, theirsLabel] = options.labels ?? STORY_LABELS;
  const favor = options.favor ? [options.favor === 'mine' ? '--ours' : '--theirs'] : [];
  const dir = await mkdtemp(join(tmpdir(), 'story-bank-merge-'));
  try {
    const files = ['mine', 'base', 'theirs'].map((name) => join(dir, name));
    await Promise.all([writeFile(files[0], mine), writeFile(files[1], base), writeFile(files[2], theirs)]);
    const code = await new Promise<number>((resolve, reject) => {
      execFile(
        'git',
        ['merge-file', ...favor, '-L', mineLabel, '-L', baseLabel, '-L', theirsLabel, files[0], files[1], files[2]],
        (error) => {
          if (!error) return resolve(0);
          const status = (error as NodeJS.ErrnoException & { code?: number | string }).code;
          if (typeof status === 'number' && status > 0 && status < 128) return resolve(status);
          reject(error);
        },
      );
    });
    return { text: await readFile(files[0], 'utf8'), clean: code === 0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
