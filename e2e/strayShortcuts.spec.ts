import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const TITLE = 'Caching verified certificate chains';

test('tabbing past the last field and typing "nr" creates nothing and records nothing', async ({ app, vault }) => {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: vault, encoding: 'utf8' }).trim();
  const commitsBefore = git('rev-list', '--count', 'HEAD');
  const storiesBefore = (await readdir(join(vault, 'stories'))).sort();
  const editor = app.getByTestId('story-editor');
  const prompter = app.getByRole('dialog', { name: 'Rehearse', exact: true });
  const confirm = app.getByTestId('shortcut-confirm');

  await app.getByRole('button', { name: TITLE }).click();
  // The last field: the key phrases' "add" box (its Add button is disabled while it is empty).
  await editor.getByRole('textbox', { name: 'New key phrase' }).focus();
  await app.keyboard.press('Tab');
  // Tab stops at Done, inside the editor, not at the page where single letters are shortcuts.
  await expect(editor.getByRole('button', { name: 'Done' })).toBeFocused();
  await app.keyboard.type('nr');

  // N asked first (R, pressed while it asked, did nothing); cancelling leaves everything as it was.
  await expect(confirm.getByRole('heading', { name: /^Create a new story in / })).toBeVisible();
  await expect(prompter).toHaveCount(0);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(prompter).toHaveCount(0);
  expect((await readdir(join(vault, 'stories'))).sort()).toEqual(storiesBefore);
  expect(git('rev-list', '--count', 'HEAD')).toBe(commitsBefore);
  expect(git('status', '--porcelain')).toBe('');
});

test('Esc leaves a field, a second Esc closes; N and R work through their confirmation', async ({ app, vault }) => {
  const editor = app.getByTestId('story-editor');
  const confirm = app.getByTestId('shortcut-confirm');
  const card = app.getByRole('button', { name: TITLE });

  await card.click();
  const title = editor.getByLabel('Title', { exact: true });
  await title.focus();
  await app.keyboard.press('Escape');
  await expect(editor).toBeFocused();
  // R on the editor's frame asks before the camera starts; Cancel starts nothing.
  await app.keyboard.press('r');
  await expect(confirm.getByRole('heading', { name: `Rehearse “${TITLE}”?` })).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('dialog', { name: 'Rehearse', exact: true })).toHaveCount(0);
  await editor.focus();
  await app.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(card).toBeFocused();

  // N with its confirmation creates the story, opened at its title.
  const before = await readdir(join(vault, 'stories'));
  await app.keyboard.press('n');
  await confirm.getByRole('button', { name: 'Create story' }).click();
  await expect(editor.getByLabel('Title', { exact: true })).toBeFocused();
  await expect.poll(async () => (await readdir(join(vault, 'stories'))).length).toBe(before.length + 1);

  // R with its confirmation opens the teleprompter on the open story.
  await app.keyboard.press('Escape');
  await app.keyboard.press('r');
  await confirm.getByRole('button', { name: 'Start rehearsal' }).click();
  const prompter = app.getByRole('dialog', { name: 'Rehearse', exact: true });
  await expect(prompter).toBeVisible();
  await prompter.getByRole('button', { name: 'Exit' }).click();
  await expect(prompter).toHaveCount(0);
});
