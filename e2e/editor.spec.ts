import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const FILE = join('stories', '03-setting-an-slo-for-binary-verification.md');
const TITLE = 'Setting an SLO for binary verification';

test.describe('editing a story while it changes on disk', () => {
  test('the editor follows an outside edit when nothing is unsaved', async ({ app, vault }) => {
    await app.getByRole('button', { name: TITLE }).click();
    const editor = app.getByTestId('story-editor');
    await expect(editor.getByLabel('Metric')).toHaveValue(/99\.94% of verification requests/);
    const path = join(vault, FILE);
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace(/^metric: .*$/m, 'metric: pages per week fell from 23 to 2'),
    );
    await expect(editor.getByLabel('Metric')).toHaveValue('pages per week fell from 23 to 2', { timeout: 2_000 });
  });

  test('a clean merge keeps both edits', async ({ app, vault }) => {
    await app.getByRole('button', { name: TITLE }).click();
    const editor = app.getByTestId('story-editor');
    await editor.getByLabel('Metric').fill('pages per week fell from 23 to 3');
    const path = join(vault, FILE);
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace(
        'I was the reliability owner that week.',
        'I was the reliability owner (edited elsewhere) that week.',
      ),
    );
    await expect(app.getByText('both edits were merged')).toBeVisible({ timeout: 5_000 });
    const text = await readFile(path, 'utf8');
    expect(text).toContain('metric: pages per week fell from 23 to 3');
    expect(text).toContain('(edited elsewhere)');
  });

  test('overlapping edits show the notice; keeping mine leaves both versions in git history', async ({
    app,
    vault,
  }) => {
    await app.getByRole('button', { name: TITLE }).click();
    const editor = app.getByTestId('story-editor');
    await editor.getByLabel('Metric').fill('MINE: pages per week fell to 1');
    const path = join(vault, FILE);
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace(/^metric: .*$/m, 'metric: THEIRS pages per week fell to 5'),
    );
    const notice = app.getByTestId('conflict-notice');
    await expect(notice).toBeVisible({ timeout: 5_000 });
    await expect(notice.getByRole('list', { name: 'Fields that differ' })).toHaveText('Metric (both changed)');
    await notice.getByRole('button', { name: 'Keep mine' }).click();
    await expect(notice).toHaveCount(0);
    await expect(app.getByTestId('save-status')).toHaveText('Saved');
    expect(await readFile(path, 'utf8')).toContain('metric: "MINE: pages per week fell to 1"');
    const log = execFileSync('git', ['log', '-p', '--', FILE], { cwd: vault, encoding: 'utf8' });
    expect(log).toContain('+metric: "MINE: pages per week fell to 1"');
    expect(log).toContain('+metric: THEIRS pages per week fell to 5');
  });

  test('history lists commits and restores an old version as a new commit', async ({ app, vault }) => {
    await app.getByRole('button', { name: TITLE }).click();
    const editor = app.getByTestId('story-editor');
    await editor.getByLabel('Metric').fill('pages per week fell from 23 to 7');
    await expect(app.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });
    await editor.getByRole('button', { name: 'Close the editor' }).click();
    await expect(app.getByTestId('git-status')).toHaveText('All committed', { timeout: 5_000 });
    await app.getByRole('button', { name: TITLE }).click();
    await app.getByRole('button', { name: 'History' }).click();
    const history = app.getByTestId('story-history');
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await history.getByRole('listitem').last().getByRole('button', { name: 'Restore' }).click();
    await expect(history.getByRole('listitem')).toHaveCount(3);
    expect(await readFile(join(vault, FILE), 'utf8')).toContain(
      'metric: 99.94% of verification requests answered correctly',
    );
    const subjects = execFileSync('git', ['log', '--format=%s'], { cwd: vault, encoding: 'utf8' });
    expect(subjects.split('\n')[0]).toMatch(/^restore: Setting an SLO for binary verification to [0-9a-f]{8}$/);
  });
});
