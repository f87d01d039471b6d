import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assembleDeliverable } from '../src/core/deliverable/assembleDeliverable';
import { DEFAULT_EXPORT_PATH, EXPORT_COMMIT_MESSAGE } from '../src/main/export/exportDeliverable';
import { Vault } from '../src/main/vault/vault';
import { expect, test } from './fixtures';

const STORY_5 = join('stories', '05-caching-verified-certificate-chains.md');

/** git in `cwd`, without GIT_DIR and friends (a run from a git hook still looks at the vault). */
function git(cwd: string, ...args: string[]): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  return execFileSync('git', args, { cwd, encoding: 'utf8', env }).trim();
}

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

  test('a criterion lists its first findings, and the rest on request', async ({ app, vault }) => {
    // Every story's metric loses its number and becomes the same: two findings for most stories.
    const { readdir } = await import('node:fs/promises');
    for (const name of (await readdir(join(vault, 'stories'))).filter((file) => file.endsWith('.md'))) {
      const path = join(vault, 'stories', name);
      await writeFile(path, (await readFile(path, 'utf8')).replace(/^metric: .*$/m, 'metric: much faster'));
    }
    const criterion = app.getByTestId('criterion-3');
    const findings = criterion.getByRole('button', { name: /^Story \d+ · metric/ });
    const more = criterion.getByRole('button', { name: /^Show all 15 for Each includes one metric/ });
    await expect(more).toBeVisible();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(findings).toHaveCount(6);

    await more.click();
    await expect(findings).toHaveCount(15);
    const fewer = criterion.getByRole('button', { name: /^Show fewer/ });
    await expect(fewer).toHaveAttribute('aria-expanded', 'true');
    // A finding past the first six opens its story like any other.
    await findings.filter({ hasText: 'Story 8 · metric' }).first().click();
    await expect(app.getByTestId('story-editor').getByLabel('Metric')).toBeFocused();

    await fewer.click();
    await expect(findings).toHaveCount(6);
  });

  test('following a finding scrolls only the editor: the header stays put', async ({ app, vault }) => {
    const header = app.locator('header.header');
    const before = await header.boundingBox();
    const path = join(vault, STORY_5);
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^metric: .*$/m, 'metric: much faster'));
    await app
      .getByTestId('criterion-3')
      .getByRole('button', { name: /Story 5 · metric/ })
      .click();
    const metric = app.getByTestId('story-editor').getByLabel('Metric');
    await expect(metric).toBeFocused();
    await expect(metric).toBeInViewport();
    expect((await header.boundingBox())?.y).toBe(before?.y);
    expect(await app.evaluate('[document.documentElement.scrollTop, document.body.scrollTop]')).toEqual([0, 0]);
  });

  test('"Document committed" turns done after an export, and undone when a story changes', async ({ app, vault }) => {
    const item = app.getByTestId('done-committed');
    await expect(item).toContainText('not exported yet');
    await item.getByRole('button', { name: 'Export now' }).click();
    await app.getByTestId('export-dialog').getByRole('button', { name: 'Done' }).click();
    await expect(item).toContainText('exported and committed');
    // What the label claims: the deliverable of the stories as they are, on disk and committed.
    const { stories } = await Vault.read(vault);
    expect(await readFile(join(vault, DEFAULT_EXPORT_PATH), 'utf8')).toBe(
      assembleDeliverable(stories.map((record) => record.story)),
    );
    expect(git(vault, 'log', '-1', '--format=%s', '--', DEFAULT_EXPORT_PATH)).toBe(EXPORT_COMMIT_MESSAGE);
    expect(git(vault, 'status', '--porcelain', '--', DEFAULT_EXPORT_PATH)).toBe('');
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

test.describe('writing the missing story', () => {
  test('a new story from the board, every field filled, turns the checklist green', async ({ app, vault }) => {
    await rm(join(vault, 'stories', '08-failing-a-live-demo-at-the-week-12-checkpoint.md'));
    const checklist = app.getByTestId('checklist');
    await expect(checklist.getByTestId('criterion-1')).toHaveAttribute('data-pass', 'false');

    await app.getByRole('button', { name: 'New story in Learning from failure' }).click();
    const editor = app.getByTestId('story-editor');
    await expect(editor.getByLabel('Title', { exact: true })).toHaveValue('Untitled story');
    await editor.getByLabel('Title', { exact: true }).fill('Shipping a migration without a rollback plan');
    await editor.getByLabel('Weeks', { exact: true }).fill('19');
    await editor
      .getByLabel('Situation', { exact: true })
      .fill('In week 19 I migrated the attestation store to a new schema on a Friday.');
    await editor.getByLabel('Task', { exact: true }).fill('I owned the migration and its rollback.');
    await editor
      .getByLabel('Action', { exact: true })
      .fill('I rehearsed the rollback on a copy of production and wrote a runbook the team reviewed.');
    await editor
      .getByLabel('Result', { exact: true })
      .fill('The next migration rolled back cleanly in 4 minutes when a check failed.');
    await editor.getByLabel('Metric', { exact: true }).fill('rollback time cut from 3 hours to 4 minutes');
    // Until the tradeoff names what was not chosen and what it cost, criterion 4 fails.
    await expect(checklist.getByTestId('criterion-4')).toHaveAttribute('data-pass', 'false');
    await editor.getByLabel('Chosen', { exact: true }).fill('a rehearsed rollback runbook');
    await editor.getByRole('textbox', { name: 'New alternative' }).fill('forward-only fixes');
    await editor.getByRole('textbox', { name: 'New alternative' }).press('Enter');
    await editor.getByRole('textbox', { name: 'New alternative' }).fill('a blue-green copy of the store');
    await editor.getByRole('textbox', { name: 'New alternative' }).press('Enter');
    await editor.getByLabel('Because', { exact: true }).fill('it worked with the one database we had');
    await editor.getByLabel('Accepting', { exact: true }).fill('every migration now takes a day longer');
    await editor.getByRole('textbox', { name: 'New question type' }).fill('Tell me about a time you failed');
    await editor.getByRole('textbox', { name: 'New question type' }).press('Enter');
    await editor.getByRole('textbox', { name: 'New key phrase' }).fill('rehearse the rollback');
    await editor.getByRole('textbox', { name: 'New key phrase' }).press('Enter');

    await expect(checklist.getByTestId('checklist-score')).toHaveText('5 of 5 pass');
    for (const id of [1, 2, 3, 4, 5])
      await expect(checklist.getByTestId(`criterion-${id}`)).toHaveAttribute('data-pass', 'true');
    await expect(editor.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });
    // The title change renamed the file; every field is in it.
    const text = await readFile(join(vault, 'stories', 'shipping-a-migration-without-a-rollback-plan.md'), 'utf8');
    for (const expected of [
      'title: Shipping a migration without a rollback plan',
      'competency: learning-from-failure',
      'weeks: [19]',
      'metric: rollback time cut from 3 hours to 4 minutes',
      '- a blue-green copy of the store',
      'accepting: every migration now takes a day longer',
      '- Tell me about a time you failed',
      '- rehearse the rollback',
      '## Result\n\nThe next migration rolled back cleanly in 4 minutes when a check failed.\n',
    ])
      expect(text).toContain(expected);
  });
});
