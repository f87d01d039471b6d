import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withGitProcessLog } from '../../../test/helpers/gitProcessLog';
import { tempDir } from '../../../test/helpers/tempDir';
import { runGit } from '../git/runGit';
import { Vault } from '../vault/vault';
import { DEFAULT_EXPORT_PATH, exportDeliverable } from './exportDeliverable';

const SAMPLE = join(process.cwd(), 'resources', 'sample-vault');

/** The git subcommand of each logged command line, without the `-c key=value` options before it. */
const subcommands = (commands: string[]) => commands.map((line) => line.replace(/^(?:-c \S+ )*/, '').split(' ')[0]);

describe('the git processes of an export', () => {
  it('are `git add` and `git commit` only, and the commit is really there', async () => {
    const root = join(await tempDir(), 'vault');
    await cp(SAMPLE, root, { recursive: true });
    const vault = await Vault.open(root);
    const stories = vault.snapshot().stories.map((record) => record.story);
    const target = { vaultRoot: vault.root, gitRoot: vault.gitRoot, stories };
    // The first export (the identity read once, as the git state shown in the app reads it).
    await exportDeliverable(target);

    const edited = stories.map((story, i) => (i === 0 ? { ...story, metric: `${story.metric} (edited)` } : story));
    const { result, commands } = await withGitProcessLog(() => exportDeliverable({ ...target, stories: edited }));
    expect(result).toMatchObject({ kind: 'written', committed: true });
    expect(subcommands(commands)).toEqual(['add', 'commit']);
    expect((await runGit(root, ['log', '-1', '--format=%s'])).stdout.trim()).toBe('export: interview story bank');
    expect((await runGit(root, ['status', '--porcelain', '--', DEFAULT_EXPORT_PATH])).stdout).toBe('');

    // Unchanged: git refuses the empty commit, and `git status` confirms it is committed as it is.
    const again = await withGitProcessLog(() => exportDeliverable({ ...target, stories: edited }));
    expect(again.result).toMatchObject({ kind: 'unchanged', committed: false, gitMessage: 'already committed' });
    expect(subcommands(again.commands)).toEqual(['add', 'commit', '--no-optional-locks']);
  });

  it('start none in a repository that cannot take a commit, and say why', async () => {
    const root = join(await tempDir(), 'vault');
    await cp(SAMPLE, root, { recursive: true });
    const vault = await Vault.open(root);
    const stories = vault.snapshot().stories.map((record) => record.story);
    await writeFile(join(root, '.git', 'MERGE_HEAD'), '0'.repeat(40));
    const { result, commands } = await withGitProcessLog(() =>
      exportDeliverable({ vaultRoot: root, gitRoot: vault.gitRoot, stories }),
    );
    expect(result).toMatchObject({ kind: 'written', committed: false });
    expect(result.kind !== 'refused' && result.kind !== 'conflict' && result.gitMessage).toMatch(
      /middle of a merge.*git merge --abort/,
    );
    expect(commands).toEqual([]);
  });
});
