import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const TITLE = 'Making the build reproducible';
const SLUG = 'making-the-build-reproducible';
const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');

test('a new story takes its title’s id when the title is left, keys typed meanwhile and all', async ({
  app,
  vault,
}) => {
  // Two stories written, committed, exported: longer than one interaction.
  test.slow();
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: vault, encoding: 'utf8' }).trim();
  const storyFiles = async () => (await readdir(join(vault, 'stories'))).sort();
  const editor = app.getByTestId('story-editor');
  const title = editor.getByLabel('Title', { exact: true });

  // Created and committed under its placeholder, as closing the editor does.
  await app.getByRole('button', { name: 'New story in Learning from failure' }).click();
  await expect(title).toBeFocused();
  await editor.getByTestId('editor-done').click();
  await expect.poll(() => git('log', '-1', '--format=%s')).toBe('story: Untitled story');
  const placeholder = app.locator('[data-story-id="untitled-story"]');
  await placeholder.getByRole('button', { name: 'Untitled story' }).click();

  await title.fill(TITLE);
  // Autosaves of the title keep the placeholder id: it changes once the title is left.
  await expect(editor.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });
  await expect(placeholder).toBeVisible();
  expect(await readFile(join(vault, 'stories', `${SLUG}.md`), 'utf8')).toContain('id: untitled-story\n');

  // Leaving the title for the Situation and typing on without a pause while the id changes.
  const situation = 'The release build differed between two machines by three bytes of timestamp.';
  await editor.getByLabel('Situation', { exact: true }).click();
  await app.keyboard.type(situation, { delay: 15 });
  const renamed = app.locator(`[data-story-id="${SLUG}"]`);
  await expect(renamed).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  await expect(renamed).toHaveClass(/selected|open|current/);
  await expect(editor.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });

  const text = await readFile(join(vault, 'stories', `${SLUG}.md`), 'utf8');
  expect(text).toMatch(new RegExp(`^---\\nid: ${SLUG}\\ntitle: ${TITLE}\\n`));
  expect(text).toContain(situation);
  expect((await storyFiles()).filter((name) => /untitled|^m/.test(name))).toEqual([`${SLUG}.md`]);

  // Git follows the file from its placeholder name, and so does the story's History view.
  await editor.getByTestId('editor-done').click();
  await expect.poll(() => git('log', '-1', '--format=%s')).toBe(`story: ${TITLE}`);
  expect(git('log', '--follow', '--format=%s', '--name-only', '--', `stories/${SLUG}.md`).split(/\n+/)).toEqual([
    `story: ${TITLE}`,
    `stories/${SLUG}.md`,
    'story: Untitled story',
    'stories/untitled-story.md',
  ]);
  await renamed.getByRole('button', { name: TITLE }).click();
  await editor.getByRole('button', { name: 'History' }).click();
  const history = editor.getByTestId('story-history');
  await expect(history.getByText(`story: ${TITLE}`)).toBeVisible();
  await expect(history.getByText('story: Untitled story')).toBeVisible();
  await editor.getByRole('button', { name: 'Close the editor' }).click();

  // A second story of the same title gets an id of its own and overwrites nothing.
  await app.getByRole('button', { name: 'New story in Learning from failure' }).click();
  await expect(title).toBeFocused();
  await app.keyboard.type(TITLE);
  await editor.getByTestId('editor-done').click();
  await expect(app.locator(`[data-story-id="${SLUG}-2"]`)).toBeVisible();
  expect(await readFile(join(vault, 'stories', `${SLUG}.md`), 'utf8')).toContain(situation);
  expect(await readFile(join(vault, 'stories', `${SLUG}-2.md`), 'utf8')).toContain(`id: ${SLUG}-2\n`);

  // The deliverable: the first needs no marker (its id is its title's slug), the second names its own id.
  await app.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = app.getByTestId('export-dialog');
  await dialog.getByRole('button', { name: 'Export anyway' }).click();
  await expect(dialog.getByTestId('export-path')).toBeVisible();
  const deliverable = await readFile(join(vault, DELIVERABLE), 'utf8');
  expect(deliverable).not.toMatch(/untitled/i);
  expect(deliverable).toContain(`: ${TITLE}\n\n**Competency:** Learning from failure`);
  expect(deliverable.match(/<!-- story id: making-[a-z0-9-]+ -->/g)).toEqual([`<!-- story id: ${SLUG}-2 -->`]);
});
