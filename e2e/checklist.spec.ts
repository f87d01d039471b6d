import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const STORY_5 = join('stories', '05-caching-verified-certificate-chains.md');

test.describe('the checklist', () => {
  test('follows the files: a broken metric fails criterion 3 and its finding opens the story at the metric', async ({
    app,
    vault,
  }) => {
    const checklist = app.getByTestId('checklist');
    await expect(checklist.getByTestId('checklist-score')).toHaveText('5 of 5 pass');
    const path = join(vault, STORY_5);
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^metric: .*$/m, 'metric: much faster'));

    const criterion = checklist.getByTestId('criterion-3');
    await expect(criterion).toHaveAttribute('data-pass', 'false');
    await expect(checklist.getByTestId('checklist-score')).toHaveText('4 of 5 pass');
    await expect(app.getByTestId('checklist-toggle')).toContainText('4/5');
    await criterion.getByRole('button', { name: /Story 5 · metric/ }).click();

    const editor = app.getByTestId('story-editor');
    await expect(editor.getByLabel('Title')).toHaveValue('Caching verified certificate chains');
    await expect(editor.getByLabel('Metric')).toBeFocused();
    // Every keystroke re-checks, before anything is saved.
    await editor.getByLabel('Metric').fill('p99 verification from 450 ms to 180 ms');
    await expect(criterion).toHaveAttribute('data-pass', 'true');
    await expect(checklist.getByTestId('checklist-score')).toHaveText('5 of 5 pass');
  });

  test('"Document committed" turns done after an export, and undone when a story changes', async ({ app, vault }) => {
    const item = app.getByTestId('done-committed');
    await expect(item).toContainText('not exported yet');
    await item.getByRole('button', { name: 'Export now' }).click();
    await app.getByTestId('export-dialog').getByRole('button', { name: 'Done' }).click();
    await expect(item).toContainText('exported and committed');
    const path = join(vault, STORY_5);
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^metric: (.*)$/m, 'metric: $1, edited'));
    await expect(item).toContainText('the stories changed since the last export');
  });

  test('keyboard: ? lists the shortcuts, C hides and shows the checklist, E reopens the last story', async ({
    app,
  }) => {
    await app.keyboard.press('?');
    const help = app.getByTestId('shortcuts-dialog');
    await expect(help).toContainText('Export the deliverable');
    await app.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    await app.keyboard.press('c');
    await expect(app.getByTestId('checklist')).toHaveCount(0);
    await app.keyboard.press('c');
    await expect(app.getByTestId('checklist')).toBeVisible();

    await app.getByRole('button', { name: 'Caching verified certificate chains' }).click();
    const editor = app.getByTestId('story-editor');
    await expect(editor).toBeVisible();
    await editor.getByRole('button', { name: 'Close the editor' }).click();
    await expect(editor).toHaveCount(0);
    await app.keyboard.press('e');
    await expect(editor.getByLabel('Title')).toHaveValue('Caching verified certificate chains');
    await app.keyboard.press('Escape');
    await app.locator('body').click({ position: { x: 5, y: 790 } });
    await app.keyboard.press('b');
    await expect(editor).toHaveCount(0);
  });

  test('the story open when the page closed opens again', async ({ app }) => {
    await app.getByRole('button', { name: 'Caching verified certificate chains' }).click();
    await expect(app.getByTestId('story-editor')).toBeVisible();
    await app.reload();
    await expect(app.getByTestId('story-editor').getByLabel('Title')).toHaveValue(
      'Caching verified certificate chains',
    );
  });
});
