import type { DeletedStoryListing } from '../../core/api';
import { runGit } from '../git/runGit';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import { STORIES_DIR } from './vaultLayout';

const FIELD = '\u001f';
const RECORD = '\u001e';
/** Deletions listed at most: each costs a `git cat-file` for its title. */
export const MAX_DELETED_LISTED = 100;
/** The subject a restore commits names the deletion it undid (see deleteStory.ts). */
const RESTORE_SUBJECT = /^restore: .*\(deletion ([0-9a-f]{8,40}) undone\)$/;

interface Deletion {
  file: string;
  commit: string;
  date: string;
  blob: string;
}

/**
 * The stories removed from `stories/` in the vault's history and not put back since, newest
 * first, each with the id and title its last committed version had and the deletion's date. A
 * deletion counts as put back when a later commit names it in a restore subject (restored under
 * any name) or adds the very same file contents again (a restore made with git by hand).
 */
export async function listDeletedStories(root: string): Promise<DeletedStoryListing[]> {
  let stdout: string;
  try {
    ({ stdout } = await runGit(root, [
      '-c',
      'core.quotePath=false',
      'log',
      '--no-renames',
      '--raw',
      '--no-abbrev',
      '--relative',
      `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`,
      '--',
      STORIES_DIR,
    ]));
  } catch {
    // No git, no commits yet: nothing was deleted with a commit.
    return [];
  }
  const deletions = unrestoredDeletions(stdout).slice(0, MAX_DELETED_LISTED);
  const listed: DeletedStoryListing[] = [];
  for (const deletion of deletions) {
    const text = await runGit(root, ['cat-file', 'blob', deletion.blob]).then(
      (result) => result.stdout,
      () => null,
    );
    const parsed = text === null ? null : parseStoryFile(text);
    const name = deletion.file.slice(STORIES_DIR.length + 1);
    listed.push({
      id: parsed?.ok ? parsed.story.id : null,
      title: parsed?.ok ? parsed.story.title : name,
      file: deletion.file,
      commit: deletion.commit,
      date: deletion.date,
    });
  }
  return listed;
}

/** The deletions of story files in `git log --raw` output (newest first) that nothing undid later. */
export function unrestoredDeletions(log: string): Deletion[] {
  const readded = new Set<string>();
  const restored: string[] = [];
  const found: Deletion[] = [];
  for (const chunk of log.split(RECORD)) {
    const [header, ...lines] = chunk.split('\n');
    const [commit, date, subject] = header.split(FIELD);
    if (!commit || !date) continue;
    const deleted: Deletion[] = [];
    for (const line of lines) {
      // `:100644 000000 <old blob> <new blob> D\tstories/x.md`
      const match = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t(.+)$/.exec(line);
      if (!match) continue;
      const [, oldBlob, newBlob, status, file] = match;
      if (!isStoryFile(file)) continue;
      if (status === 'D') deleted.push({ file, commit, date, blob: oldBlob });
      else readded.add(newBlob);
    }
    for (const deletion of deleted) {
      const undone = readded.has(deletion.blob) || restored.some((short) => commit.startsWith(short));
      if (!undone) found.push(deletion);
    }
    const restoring = RESTORE_SUBJECT.exec(subject ?? '');
    if (restoring) restored.push(restoring[1]);
  }
  return found;
}

function isStoryFile(file: string): boolean {
  const name = file.slice(STORIES_DIR.length + 1);
  return file.startsWith(`${STORIES_DIR}/`) && name.endsWith('.md') && !name.includes('/') && !name.startsWith('.');
}
