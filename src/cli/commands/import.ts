import { resolve } from 'node:path';
import { commitFiles } from '../../main/git/commitFiles';
import { readGitState } from '../../main/git/gitState';
import { addDrafts, collectDrafts, importExitCode, readImportSources } from '../../main/import/importStories';
import { lockAndPrepareVaultFolder } from '../../main/prepareVaultFolder';
import { Vault } from '../../main/vault/vault';
import { parseCommandLine } from '../../main/commandLine';
import { UsageError } from '../usage';

/**
 * `story-bank import FILE VAULT`: adds the stories of a deliverable, or of a folder of answer
 * files, to VAULT (set up if it is not a vault yet) as new files, and commits them. Exits 0 when
 * every line went into a field, 1 when some text was kept under "As imported" or set aside (each
 * listed with its lines), 2 when nothing could be imported.
 */
export async function importCommand(argv: string[], appRoot: string): Promise<number> {
  const { positionals } = parseCommandLine(argv, []);
  if (positionals.length !== 2) throw new UsageError('import takes a FILE (or folder of .md files) and a VAULT folder');
  const [from, to] = positionals.map((path) => resolve(path));
  const { sources, skipped: unreadable } = await readImportSources(from);
  const { drafts, skipped, setAside } = collectDrafts(sources, unreadable);
  // Nothing to import changes nothing: the vault folder is not even set up.
  if (drafts.length === 0)
    throw new UsageError(
      `no stories found in ${from}${skipped.length ? ` (${skipped.map((s) => `${s.source}: ${s.reason}`).join('; ')})` : ''}`,
    );
  // Adds files to the vault while no other Story Bank writes there.
  const lock = await lockAndPrepareVaultFolder({ path: to, isDefault: false }, appRoot);
  try {
    const vault = await Vault.open(to);
    const report = { imported: await addDrafts(vault, drafts), skipped, setAside };

    for (const story of report.imported) {
      console.log(`+ ${story.file}  "${story.title}"  (from ${story.source})`);
      for (const note of story.notes) console.log(`    note: ${note}`);
    }
    for (const skip of report.skipped) console.error(`warning: skipped ${skip.source}: ${skip.reason}`);
    for (const line of report.setAside)
      console.error(`warning: not imported, in no story: ${line.source}:${line.line}: ${line.text.trim()}`);

    const files = report.imported.map((story) => story.file);
    const count = `${files.length} ${files.length === 1 ? 'story' : 'stories'}`;
    let git = 'git is not available, so the new files are not committed';
    if (vault.gitRoot) {
      const state = await readGitState(vault.root);
      git =
        state.kind === 'ok' && (await commitFiles(vault.root, files, `import: ${count}`))
          ? `committed as "import: ${count}"`
          : `not committed: ${state.message}. ${state.fix}`;
    }
    console.log(`Imported ${count} into ${vault.root}; ${git}.`);
    const code = importExitCode(report);
    if (code === 1)
      console.log('Some text was set aside or kept under "As imported" (listed above): check those stories.');
    return code;
  } finally {
    await lock.release();
  }
}
