import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('a new story opens with its title selected, so typing replaces "Untitled story"', async ({ app, vault }) => {
  await app.getByRole('button', { name: 'New story in Learning from failure' }).click();
  const editor = app.getByTestId('story-editor');
  const title = editor.getByLabel('Title', { exact: true });
  await expect(title).toBeFocused();
  await app.keyboard.type('Making the build reproducible');
  await expect(title).toHaveValue('Making the build reproducible');
  await expect(editor.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });
  await expect.poll(() => readdir(join(vault, 'stories'))).toContain('making-the-build-reproducible.md');

  // The next placeholder ("Untitled story 2", from the N shortcut's path too) is selected the same way.
  await editor.getByRole('button', { name: 'Close the editor' }).click();
  await app.getByRole('button', { name: 'New story in Security' }).click();
  await expect(title).toBeFocused();
  await app.keyboard.type('Signing every release');
  await expect(title).toHaveValue('Signing every release');
});
