import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const STORY_5 = join('stories', '05-caching-verified-certificate-chains.md');
const TITLE = 'Caching verified certificate chains';

test('Delete asks first, removes and commits the file, and Undo puts it back', async ({ app, vault }) => {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: vault, encoding: 'utf8' }).trim();
  const path = join(vault, STORY_5);
  const original = await readFile(path, 'utf8');
  const card = app.getByRole('button', { name: TITLE });
  const editor = app.getByTestId('story-editor');

  // Cancel changes nothing.
  await card.click();
  await editor.getByRole('button', { name: 'Delete…' }).click();
  const dialog = app.getByTestId('delete-dialog');
  await expect(dialog.getByRole('heading', { name: `Delete “${TITLE}”?` })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(existsSync(path)).toBe(true);

  await editor.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete story' }).click();
  await expect(card).toHaveCount(0);
  await expect(editor).toHaveCount(0);
  expect(existsSync(path)).toBe(false);
  await expect.poll(() => git('log', '-1', '--format=%s')).toBe(`delete: ${TITLE}`);
  const deletion = git('rev-parse', '--short=12', 'HEAD');
  expect(git('ls-files', '--', STORY_5)).toBe('');
  const checklist = app.getByTestId('checklist');
  await expect(checklist.getByTestId('criterion-1')).toContainText('found 7 stories');

  await app.getByTestId('undo-delete').getByRole('button', { name: 'Undo' }).click();
  await expect(card).toBeVisible();
  await expect(editor.getByLabel('Title', { exact: true })).toHaveValue(TITLE);
  expect(await readFile(path, 'utf8')).toBe(original);
  await expect.poll(() => git('log', '-1', '--format=%s')).toBe(`restore: ${TITLE} (deletion ${deletion} undone)`);
  expect(git('status', '--porcelain', '--', 'stories')).toBe('');
  await expect(checklist.getByTestId('checklist-score')).toHaveText('5 of 5 pass');
  // The deletion stays in history, so the story can be got back from there too.
  expect(git('log', '--format=%s', '--', STORY_5)).toContain(`delete: ${TITLE}`);
});

test('a story deleted long ago is restored from the board’s list of deleted stories', async ({ app, vault }) => {
  // It waits out the 8 s undo offer on purpose.
  test.slow();
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: vault, encoding: 'utf8' }).trim();
  const path = join(vault, STORY_5);
  const original = await readFile(path, 'utf8');
  const card = app.getByRole('button', { name: TITLE });
  await card.click();
  const editor = app.getByTestId('story-editor');
  await editor.getByRole('button', { name: 'Delete…' }).click();
  await app.getByTestId('delete-dialog').getByRole('button', { name: 'Delete story' }).click();
  await expect(card).toHaveCount(0);
  // The card goes when the file does; the deletion's commit follows it.
  await expect.poll(() => git('log', '-1', '--format=%s')).toBe(`delete: ${TITLE}`);
  const deletion = git('log', '-1', '--format=%H');
  // The undo offer runs out by itself.
  await expect(app.getByTestId('undo-delete')).toHaveCount(0, { timeout: 15_000 });

  await app.getByRole('button', { name: 'Deleted stories…' }).click();
  const dialog = app.getByTestId('deleted-stories');
  const list = dialog.getByRole('list', { name: 'Deleted stories' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText(TITLE);
  await expect(list.getByRole('listitem')).toContainText(STORY_5);
  const axe = await new AxeBuilder({ page: app }).include('[data-testid="deleted-stories"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await dialog.getByRole('button', { name: `Restore “${TITLE}”` }).click();
  await expect(dialog.getByTestId('restored-status')).toHaveText(
    new RegExp(`^\\s*Restored “${TITLE}”\\.\\s*Open it\\s*$`),
  );
  await expect(dialog.getByText('No deleted stories')).toBeVisible();

  expect(await readFile(path, 'utf8')).toBe(original);
  expect(git('log', '-1', '--format=%s')).toBe(`restore: ${TITLE} (deletion ${deletion.slice(0, 12)} undone)`);
  expect(git('status', '--porcelain', '--', 'stories')).toBe('');
  await dialog.getByRole('button', { name: 'Open it' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card).toBeVisible();
  await expect(editor.getByLabel('Title', { exact: true })).toHaveValue(TITLE);
  await expect(app.getByTestId('checklist').getByTestId('checklist-score')).toHaveText('5 of 5 pass');
});
