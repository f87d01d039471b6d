import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const FILE = join('stories', '03-setting-an-slo-for-binary-verification.md');
const TITLE = 'Setting an SLO for binary verification';
const TASK = 'I was the reliability owner that week.';

test.describe('a second outside edit after the editor took in a first, uncommitted one', () => {
  test('merges with my edit: no conflict, all three edits in the file', async ({ app, vault }) => {
    const path = join(vault, FILE);
    const editOutside = async (change: (text: string) => string) =>
      writeFile(path, change(await readFile(path, 'utf8')));
    await app.getByRole('button', { name: TITLE }).click();
    const editor = app.getByTestId('story-editor');
    const metric = editor.getByLabel('Metric', { exact: true });
    await expect(metric).toHaveValue(/99\.94% of verification requests/);

    await editOutside((text) => text.replace(/^metric: .*$/m, 'metric: v2 pages per week fell from 23 to 4'));
    await expect(metric).toHaveValue('v2 pages per week fell from 23 to 4', { timeout: 5_000 });

    // My edit of the task, then a second outside edit, of the weeks (the line above the metric),
    // before the autosave.
    const task = editor.getByLabel('Task', { exact: true });
    await task.fill((await task.inputValue()).replace(TASK, 'I owned reliability (mine) that week.'));
    await editOutside((text) => text.replace(/^weeks: .*$/m, 'weeks: [20, 21]'));

    await expect(app.getByText('both edits were merged')).toBeVisible({ timeout: 5_000 });
    await expect(app.getByTestId('conflict-notice')).toHaveCount(0);
    await expect(metric).toHaveValue('v2 pages per week fell from 23 to 4');
    const text = await readFile(path, 'utf8');
    expect(text).toContain('metric: v2 pages per week fell from 23 to 4');
    expect(text).toContain('weeks: [20, 21]');
    expect(text).toContain('I owned reliability (mine) that week.');
  });
});
