import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');

test('the deliverable reads as written by hand: no placeholder ids, no hidden copies', async ({ app, vault }) => {
  await rm(join(vault, 'stories', '08-failing-a-live-demo-at-the-week-12-checkpoint.md'));
  await expect(app.getByTestId('checklist').getByTestId('criterion-1')).toHaveAttribute('data-pass', 'false');
  await app.getByRole('button', { name: 'New story in Learning from failure' }).click();
  const editor = app.getByTestId('story-editor');
  await editor.getByLabel('Title', { exact: true }).fill('Making the build reproducible');
  await editor.getByLabel('Metric', { exact: true }).fill('rebuilds went from 3 differing bytes to 0');
  await expect(editor.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });

  await app.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = app.getByTestId('export-dialog');
  await dialog.getByRole('button', { name: 'Export anyway' }).click();
  await expect(dialog.getByTestId('export-path')).toBeVisible();

  const text = await readFile(join(vault, DELIVERABLE), 'utf8');
  expect(text).toContain('## Story #8: Making the build reproducible\n\n**Competency:** Learning from failure');
  expect(text).not.toMatch(/untitled/i);
  expect(text).not.toContain('story-bank:');
  // The sample's ids are not their titles' slugs: each keeps one short marker, nothing more.
  const comments = text.match(/<!--[\s\S]*?-->/g) ?? [];
  expect(comments).toHaveLength(7);
  for (const comment of comments) expect(comment).toMatch(/^<!-- story id: [a-z0-9-]+ -->$/);
});
