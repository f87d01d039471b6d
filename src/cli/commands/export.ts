import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exportDeliverable } from '../../main/export/exportDeliverable';
import { MERGE_LABELS } from '../../main/export/mergeHandEdits';
import { Vault } from '../../main/vault/vault';
import { acquireVaultLock } from '../../main/vault/vaultLock';
import { readStoryOrder } from '../../main/vault/storyOrderFile';
import { orderStories } from '../../core/storyOrder';
import { STORIES_DIR } from '../../main/vault/vaultLayout';
import { parseCommandLine } from '../../main/commandLine';
import { formatReport } from '../formatReport';
import { UsageError } from '../usage';

/**
 * `story-bank export VAULT [--out FILE] [--force]`: writes and commits the deliverable, keeping hand
 * edits made to it by a three-way merge. Exit 0 when it passes all five criteria, 1 when written
 * but failing, 2 when refused (a file it never wrote, or hand edits on the lines the export changes)
 * or unreadable.
 */
export async function exportCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, ['out', 'force'], ['out']);
  if (positionals.length !== 1) throw new UsageError('export takes one VAULT folder');
  const root = resolve(positionals[0]);
  if (!(await stat(join(root, STORIES_DIR)).catch(() => null))?.isDirectory())
    throw new UsageError(`${root} is not a Story Bank vault: it has no ${STORIES_DIR}/ folder`);
  const out = flags.get('out');
  // Writes in the vault (the deliverable, its record) while no other Story Bank does.
  const lock = await acquireVaultLock(root);
  try {
    const vault = await Vault.open(root);
    const { stories, problems } = vault.snapshot();
    for (const problem of problems)
      console.error(`warning: ${problem.file}:${problem.line}: not exported, not a valid story: ${problem.message}`);

    // Numbered as the app numbers them: the vault's order file, else the board's order.
    const order = await readStoryOrder(root);
    if (order.problem) console.error(`warning: ${order.problem}; the stories are in the board's order`);
    const ordered = orderStories(stories, order.ids).map((record) => record.story);
    const outcome = await exportDeliverable(
      { vaultRoot: vault.root, gitRoot: vault.gitRoot, stories: ordered },
      { out: typeof out === 'string' ? resolve(out) : undefined, force: flags.has('force') },
    );
    if (outcome.kind === 'refused') {
      console.log(outcome.diff.patch);
      throw new UsageError(`export refused: ${outcome.reason}. The difference is above; --force overwrites it`);
    }
    if (outcome.kind === 'conflict') {
      for (const hunk of outcome.hunks)
        console.log(
          [
            `${outcome.shownPath}:${hunk.line}`,
            `<<<<<<< ${MERGE_LABELS[0]}`,
            ...(hunk.mine ? [hunk.mine] : []),
            '=======',
            ...(hunk.theirs ? [hunk.theirs] : []),
            `>>>>>>> ${MERGE_LABELS[2]}`,
            '',
          ].join('\n'),
        );
      throw new UsageError(
        `export refused: ${outcome.reason}. The places are above: put those lines back as the export has them (or move your edit) and export again, or --force to replace the file with the export (your version is committed first)`,
      );
    }
    const lines =
      outcome.kind === 'written' ? `(+${outcome.diff.added} −${outcome.diff.removed} lines)` : '(unchanged)';
    console.log(`${outcome.kind === 'written' ? 'Wrote' : 'Already up to date:'} ${outcome.path} ${lines}`);
    console.log(`git: ${outcome.gitMessage}`);
    if (outcome.keptEdits) {
      const { diff, brokenCriteria } = outcome.keptEdits;
      console.log(`Kept your hand edits, merged with the export (+${diff.added} −${diff.removed} lines of yours)`);
      for (const id of brokenCriteria)
        console.error(`warning: your hand edits make criterion ${id} fail; the export alone passes it`);
    }
    console.log('');
    console.log(formatReport(outcome.report, `Check of ${outcome.shownPath}`));
    return outcome.report.pass ? 0 : 1;
  } finally {
    await lock.release();
  }
}
