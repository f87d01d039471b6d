import { runGit } from './runGit';

/**
 * A file as committed at `rev`: `path` relative to the repository's root, or to `cwd` when it
 * starts with `./`. Rejects when that version has no such file (or it is a folder).
 *
 * `git cat-file blob`, never `git show`: an argument git show cannot read as a revision it takes
 * as a path filter, and one that looks like a glob (a `?`, `*` or `[` in a file or folder name) is
 * accepted as one without a match, so git printed nothing and succeeded. A file never committed
 * read as committed and empty, and a revision that does not exist as an empty story.
 */
export async function fileAt(cwd: string, rev: string, path: string): Promise<string> {
  return (await runGit(cwd, ['cat-file', 'blob', `${rev}:${path}`])).stdout;
}
