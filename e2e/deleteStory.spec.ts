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
  expect(git('ls-files', '--', STORY_5)).toBe('');
  const checklist = app.getByTestId('checklist');
  await expect(checklist.getByTestId('criterion-1')).toContainText('found 7 stories');

  await app.getByTestId('undo-delete').getByRole('button', { name: 'Undo' }).click();
  await expect(card).toBeVisible();
  await expect(editor.getByLabel('Title', { exact: true })).toHaveValue(TITLE);
  expect(await readFile(path, 'utf8')).toBe(original);
  await expect.poll(() => git('log', '-1', '--format=%s')).toBe(`restore: ${TITLE} (deletion undone)`);
  expect(git('status', '--porcelain', '--', 'stories')).toBe('');
  await expect(checklist.getByTestId('checklist-score')).toHaveText('5 of 5 pass');
  // The deletion stays in history, so the story can be got back from there too.
  expect(git('log', '--format=%s', '--', STORY_5)).toContain(`delete: ${TITLE}`);
});
