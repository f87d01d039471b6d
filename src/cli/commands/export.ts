import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exportDeliverable } from '../../main/export/exportDeliverable';
import { Vault } from '../../main/vault/vault';
import { acquireVaultLock } from '../../main/vault/vaultLock';
import { readStoryOrder } from '../../main/vault/storyOrderFile';
import { orderStories } from '../../core/storyOrder';
import { STORIES_DIR } from '../../main/vault/vaultLayout';
import { parseCommandLine } from '../../main/commandLine';
import { formatReport } from '../formatReport';
import { UsageError } from '../usage';

/**
 * `story-bank export VAULT [--out FILE] [--force]`: writes and commits the deliverable. Exit 0
 * when it passes all five criteria, 1 when written but failing, 2 when refused or unreadable.
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
    const lines =
      outcome.kind === 'written' ? `(+${outcome.diff.added} −${outcome.diff.removed} lines)` : '(unchanged)';
    console.log(`${outcome.kind === 'written' ? 'Wrote' : 'Already up to date:'} ${outcome.path} ${lines}`);
    console.log(`git: ${outcome.gitMessage}`);
    console.log('');
    console.log(formatReport(outcome.report, `Check of ${outcome.shownPath}`));
    return outcome.report.pass ? 0 : 1;
  } finally {
    await lock.release();
  }
}
