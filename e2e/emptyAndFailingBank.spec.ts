import { execFileSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const STORY_8 = join('stories', '08-failing-a-live-demo-at-the-week-12-checkpoint.md');

test.describe('an empty or failing bank does not look like a passing one', () => {
  test('with no stories nothing passes', async ({ app, vault }) => {
    const checklist = app.getByTestId('checklist');
    await expect(checklist.getByTestId('checklist-score')).toHaveText('5 of 5 pass');
    for (const name of await readdir(join(vault, 'stories'))) await rm(join(vault, 'stories', name));

    await expect(checklist.getByTestId('checklist-score')).toHaveText('0 of 5 pass');
    for (const id of [1, 2, 3, 4, 5])
      await expect(checklist.getByTestId(`criterion-${id}`)).toHaveAttribute('data-pass', 'false');
    await expect(checklist.getByTestId('criterion-2')).toContainText('no stories to check yet');
    // Nothing to drill on: the drill is offered once a story names a question type.
    const drill = app.getByTestId('drill-button');
    await expect(drill).toBeDisabled();
    await expect(drill).toHaveAttribute('title', 'No story names a question type yet');
  });

  test('exporting a failing bank asks first, and the checklist says the committed document fails', async ({
    app,
    vault,
  }) => {
    await rm(join(vault, STORY_8));
    const checklist = app.getByTestId('checklist');
    await expect(checklist.getByTestId('checklist-score')).toHaveText('4 of 5 pass');
    const head = (): string => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: vault, encoding: 'utf8' }).trim();

    // Cancel writes nothing.
    await app.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = app.getByTestId('export-dialog');
    await expect(dialog.getByRole('heading', { name: 'Export with 1 of 5 criteria failing?' })).toBeVisible();
    await expect(dialog.getByTestId('export-failing')).toContainText('Exactly 8 STAR stories documented');
    const before = head();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(await readdir(vault)).not.toContain('week-23');
    expect(head()).toBe(before);

    // Export anyway commits it, and "Document committed" stays unticked, saying why.
    await app.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('button', { name: 'Export anyway' }).click();
    await expect(dialog.getByRole('heading', { name: 'Exported, with criteria still to meet' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const item = checklist.getByTestId('done-committed');
    await expect(item).toContainText('committed, but the document fails 1 of 5 criteria');
    await expect(item).toHaveAttribute('data-done', 'false');
  });
});
