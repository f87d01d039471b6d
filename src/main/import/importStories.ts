import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportReport, ImportedStory } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import type { ImportDraft } from '../../core/import/draftStories';
import { refuseTooManyStories } from '../../core/import/importLimits';
import { uniqueId } from '../../core/storyId';
import type { Vault } from '../vault/vault';
import { draftsFromSource, type ImportSource, type SetAsideLine, type SkippedSource } from './draftsFromSource';

/** Larger than any deliverable a person writes; bigger files are skipped, not read. */
export const MAX_IMPORT_FILE_BYTES = 1024 * 1024;
export const MAX_IMPORT_FILES = 200;

/** The markdown files at `path`: the file itself, or the `.md` files directly inside a folder. */
export async function readImportSources(path: string): Promise<{ sources: ImportSource[]; skipped: SkippedSource[] }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new StoryBankError(
      'not-found',
      `cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`,
    );
  });
  const files = info.isDirectory()
    ? (await readdir(path))
        .filter((name) => name.toLowerCase().endsWith('.md') && !name.startsWith('.'))
        .sort()
        .map((name) => join(path, name))
    : [path];
  if (files.length === 0) throw new StoryBankError('not-found', `${path} holds no .md files to import`);
  if (files.length > MAX_IMPORT_FILES)
    throw new StoryBankError(
      'bad-request',
      `${path} holds ${files.length} .md files; import takes at most ${MAX_IMPORT_FILES}`,
    );
  const sources: ImportSource[] = [];
  const skipped: SkippedSource[] = [];
  for (const file of files) {
    const name = info.isDirectory() ? basename(file) : basename(path);
    // In a folder, a link could point anywhere on the machine: it is listed, not read.
    const entry = info.isDirectory() ? await lstat(file) : null;
    if (entry && !entry.isFile()) {
      const what = entry.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a regular file';
      skipped.push({ source: name, reason: `the file is ${what}` });
      continue;
    }
    const size = (await stat(file)).size;
    if (size > MAX_IMPORT_FILE_BYTES) {
      skipped.push({ source: name, reason: `the file is ${size} bytes; import reads files up to 1 MiB` });
      continue;
    }
    const bytes = await readFile(file);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD') || bytes.includes(0)) {
      skipped.push({ source: name, reason: 'the file is not UTF-8 text' });
      continue;
    }
    sources.push({ name, text });
  }
  return { sources, skipped };
}

/**
 * Every story in `sources`, in order, the files that held none (with the reason), and the lines
 * in no story. Throws when there are more than an import takes (see MAX_IMPORT_STORIES), before
 * anything is written.
 */
export function collectDrafts(
  sources: ImportSource[],
  skippedBefore: SkippedSource[] = [],
): { drafts: ImportDraft[]; skipped: SkippedSource[]; setAside: SetAsideLine[] } {
  const drafts: ImportDraft[] = [];
  const skipped = [...skippedBefore];
  const setAside: SetAsideLine[] = [];
  for (const source of sources) {
    const found = draftsFromSource(source);
    drafts.push(...found.drafts);
    skipped.push(...found.skipped);
    setAside.push(...found.setAside);
  }
  refuseTooManyStories(drafts.length);
  return { drafts, skipped, setAside };
}

/**
 * Adds the stories found in `sources` to the vault as new files, in their order (each file
 * named with its position, "01-", "02-", …, so the vault lists them as the source did). Nothing
 * in the vault is replaced: an id already in use gets a number, and the report says so.
 */
export async function importStories(
  vault: Vault,
  sources: ImportSource[],
  skippedBefore: SkippedSource[] = [],
): Promise<ImportReport> {
  const { drafts, skipped, setAside } = collectDrafts(sources, skippedBefore);
  return { imported: await addDrafts(vault, drafts), skipped, setAside };
}

/** The "## As imported" section of a draft's new file: its kept text word for word, or none. */
export function appendixOf(draft: ImportDraft): string | undefined {
  return draft.asImported.length
    ? `## As imported\n\n${draft.asImported.map((text) => text.trim()).join('\n\n')}`
    : undefined;
}

/** Writes the drafts as new stories; see importStories. */
export async function addDrafts(vault: Vault, drafts: ImportDraft[]): Promise<ImportedStory[]> {
  const taken = new Set(vault.snapshot().stories.map((record) => record.story.id));
  const width = Math.max(2, String(drafts.length).length);
  const imported: ImportedStory[] = [];
  for (const [index, draft] of drafts.entries()) {
    const id = uniqueId(draft.story.id, taken);
    taken.add(id);
    const notes =
      id === draft.story.id
        ? draft.notes
        : [`the id "${draft.story.id}" is already in the vault; imported as "${id}"`, ...draft.notes];
    const appendix = appendixOf(draft);
    const record = await vault.create(
      { ...draft.story, id },
      { prefix: `${String(index + 1).padStart(width, '0')}-`, appendix },
    );
    imported.push({
      id,
      title: record.story.title,
      file: record.file,
      source: draft.source,
      notes,
      ...(appendix ? { keptAsImported: true } : {}),
    });
  }
  return imported;
}

/**
 * The import's exit code: 0 every line went into a field, 1 stories were imported but some text
 * was set aside or kept under "As imported" (the report lists it), 2 nothing was importable.
 */
export function importExitCode(report: ImportReport): 0 | 1 | 2 {
  if (report.imported.length === 0) return 2;
  const partial =
    report.skipped.length > 0 ||
    (report.setAside?.length ?? 0) > 0 ||
    report.imported.some((story) => story.keptAsImported);
  return partial ? 1 : 0;
}
