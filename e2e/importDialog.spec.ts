import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('the import dialog says which files it takes before any file picker opens', async ({ app }, info) => {
  let pickerOpened = false;
  app.on('filechooser', () => (pickerOpened = true));
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByTestId('import-dialog');
  await expect(dialog.getByRole('heading', { name: 'Import stories' })).toBeVisible();
  const formats = dialog.getByTestId('import-formats');
  await expect(formats).toContainText('Markdown files (.md, .markdown)');
  await expect(formats).toContainText('Situation, Task, Action and Result labels');
  await expect(formats).toContainText('at most 200 stories');
  expect(pickerOpened).toBe(false);

  // Only the dialog's own button opens the picker, and the files chosen there are imported.
  const answer = info.outputPath('answer.md');
  await writeFile(
    answer,
    [
      '## Mentoring a new teammate',
      '',
      '**Situation:** A new teammate joined the week before their first on-call shift.',
      '**Task:** Get them ready to handle pages alone.',
      '**Action:** I paired with them on three past incidents and wrote a one-page runbook.',
      '**Result:** They resolved 4 of 4 pages alone that week.',
    ].join('\n'),
  );
  const chooser = app.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles(answer);
  await expect(dialog.getByRole('heading', { name: 'Imported 1 story' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the import dialog can be left before choosing anything', async ({ app }) => {
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByTestId('import-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Import…' })).toBeEnabled();
});
