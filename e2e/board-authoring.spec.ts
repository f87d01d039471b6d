import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const RAFT = { id: 'raft-attestation-log', title: 'Replicating attestations with Raft' };
const RAFT_FILE = join('stories', '01-replicating-attestations-with-raft.md');
const EPOLL = { id: 'epoll-lost-wakeup', title: 'Tracking down a lost wakeup in the epoll loop' };
const EPOLL_FILE = join('stories', '04-tracking-down-a-lost-wakeup-in-the-epoll-loop.md');

const column = (app: Page, competency: string) => app.locator(`section[data-competency="${competency}"]`);
const card = (app: Page, id: string) => app.locator(`[data-testid="story-card"][data-story-id="${id}"]`);

/**
 * Waits until the file's competency line says `competency`, then checks that nothing else in the
 * file changed: every other byte is what it was before the move.
 */
async function expectOnlyCompetencyChanged(path: string, before: string, from: string, to: string): Promise<void> {
  await expect.poll(() => readFile(path, 'utf8'), { timeout: 5_000 }).toContain(`\ncompetency: ${to}\n`);
  const after = await readFile(path, 'utf8');
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  expect(afterLines).toHaveLength(beforeLines.length);
  const changed = beforeLines.flatMap((line, i) => (line === afterLines[i] ? [] : [[line, afterLines[i]]]));
  expect(changed).toEqual([[`competency: ${from}`, `competency: ${to}`]]);
  expect(Buffer.from(after)).toEqual(Buffer.from(before.replace(`\ncompetency: ${from}\n`, `\ncompetency: ${to}\n`)));
}

test.describe('authoring on the board', () => {
  test('a card dragged with the mouse to another column changes only its competency line', async ({ app, vault }) => {
    const path = join(vault, RAFT_FILE);
    const before = await readFile(path, 'utf8');
    const source = card(app, RAFT.id);
    const target = column(app, 'collaboration');
    await expect(column(app, 'distributed-systems').getByTestId('story-card')).toHaveCount(1);

    const from = await source.boundingBox();
    if (!from) throw new Error('the card must be on screen');
    await app.mouse.move(from.x + 30, from.y + 14);
    await app.mouse.down();
    await app.mouse.move(from.x + 50, from.y + 40, { steps: 5 });
    // Aimed at the column's heading, measured again after each move: a column the pointer crosses
    // opens its "Move here" slot, which pushes the next row of columns down.
    await expect(async () => {
      const to = await target.boundingBox();
      if (!to) throw new Error('the column must be on screen');
      await app.mouse.move(to.x + to.width / 2, to.y + 24, { steps: 5 });
      await expect(target).toHaveClass(/drop-target/, { timeout: 500 });
    }).toPass({ timeout: 5_000 });
    // The column under the pointer is highlighted as the drop target; the card's own is not one.
    await expect(target).toHaveClass(/drop-target/);
    await expect(column(app, 'distributed-systems')).not.toHaveClass(/can-drop/);
    await app.mouse.up();

    await expect(target.locator(`[data-story-id="${RAFT.id}"]`)).toBeVisible();
    await expect(column(app, 'distributed-systems').getByTestId('story-card')).toHaveCount(0);
    await expect(target).not.toHaveClass(/drop-target/);
    await expect(app.getByTestId('board-status')).toHaveText(`Moved “${RAFT.title}” to Collaboration.`);
    await expectOnlyCompetencyChanged(path, before, 'distributed-systems', 'collaboration');
    // Both columns now say what to do.
    await expect(column(app, 'distributed-systems')).toContainText('No story yet.');
    await expect(column(app, 'collaboration')).toContainText('2 stories here');
  });

  test('the "Move to…" menu moves a card with the keyboard and gives focus back to it', async ({ app, vault }) => {
    const path = join(vault, EPOLL_FILE);
    const before = await readFile(path, 'utf8');
    const moveButton = card(app, EPOLL.id).getByRole('button', { name: 'Move to…' });

    // Esc closes the menu without moving anything, and focus goes back to the button.
    await moveButton.focus();
    await app.keyboard.press('Enter');
    const menu = app.getByRole('menu', { name: 'Move to' });
    await expect(menu).toBeVisible();
    await expect(moveButton).toHaveAttribute('aria-expanded', 'true');
    const items = menu.getByRole('menuitem');
    // The seven other competencies, then up and down in the deliverable (the story is #4).
    await expect(items).toHaveCount(9);
    await expect(menu.getByRole('menuitem', { name: 'Debugging' })).toHaveCount(0);
    await expect(items.first()).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(moveButton).toBeFocused();
    expect(await readFile(path, 'utf8')).toBe(before);

    // Arrow keys wrap: up from the first item is the last, "Move down to #5".
    await app.keyboard.press('Enter');
    await expect(items.first()).toBeFocused();
    await app.keyboard.press('ArrowUp');
    await expect(items.last()).toBeFocused();
    await expect(items.last()).toHaveText('Move down to #5');
    await app.keyboard.press('ArrowDown');
    await app.keyboard.press('ArrowDown');
    await app.keyboard.press('ArrowDown');
    await expect(items.nth(2)).toHaveText('Reliability / SRE');
    await expect(items.nth(2)).toBeFocused();
    await app.keyboard.press('Enter');

    const moved = column(app, 'reliability').locator(`[data-story-id="${EPOLL.id}"]`);
    await expect(moved).toBeVisible();
    await expect(moved.getByRole('button', { name: EPOLL.title, exact: true })).toBeFocused();
    await expect(app.getByTestId('board-status')).toHaveText(`Moved “${EPOLL.title}” to Reliability / SRE.`);
    await expectOnlyCompetencyChanged(path, before, 'debugging', 'reliability');
  });

  test('the "Move to…" menu opens at its own card\'s button, one at a time, and a press elsewhere closes it', async ({
    app,
  }) => {
    const menu = app.getByRole('menu', { name: 'Move to' });
    // Built only while open: no menu, and no card names one it controls.
    await expect(menu).toHaveCount(0);
    await expect(app.locator('[aria-controls^="move-menu-"]')).toHaveCount(0);
    for (const id of [EPOLL.id, RAFT.id]) {
      const button = card(app, id).getByRole('button', { name: 'Move to…' });
      await button.click();
      await expect(menu).toHaveCount(1);
      await expect(menu).toBeVisible();
      await expect(button).toHaveAttribute('aria-controls', (await menu.getAttribute('id'))!);
      // Anchored to this button: just below it (or above, where below has no room), overlapping it sideways.
      const at = (await button.boundingBox())!;
      const box = (await menu.boundingBox())!;
      const gap = box.y >= at.y + at.height ? box.y - (at.y + at.height) : at.y - (box.y + box.height);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(12);
      expect(box.x).toBeLessThan(at.x + at.width);
      expect(box.x + box.width).toBeGreaterThan(at.x);
    }
    // A press on the board beside it closes it, and nothing is left listening or built.
    await app.getByRole('heading', { name: 'Security', exact: true }).click();
    await expect(menu).toHaveCount(0);
    await expect(app.locator('.move[aria-expanded="true"]')).toHaveCount(0);
  });

  test('"New story" in a column adds an untitled story there, as a file', async ({ app, vault }) => {
    const security = column(app, 'security');
    await expect(security.getByTestId('story-card')).toHaveCount(1);
    await security.getByRole('button', { name: 'New story in Security' }).click();

    const created = security.locator('[data-story-id="untitled-story"]');
    await expect(created).toBeVisible();
    await expect(created.getByRole('heading', { name: 'Untitled story' })).toBeVisible();
    await expect(security.getByTestId('story-card')).toHaveCount(2);
    expect(await readdir(join(vault, 'stories'))).toContain('untitled-story.md');
    const text = await readFile(join(vault, 'stories', 'untitled-story.md'), 'utf8');
    expect(text).toMatch(/^---\nid: untitled-story\ntitle: Untitled story\ncompetency: security\n/);
    // An empty story fails every story-level criterion, and the card says so in words.
    await expect(created.locator('[data-mark="star"]')).toContainText('fails');
    await expect(created.getByTestId('spoken-length')).toContainText('0:00 / 2:00');
  });

  test('the search box filters the cards; the clear button and Esc show them all again', async ({ app }) => {
    const search = app.getByRole('searchbox', { name: 'Search stories' });
    const cards = app.getByTestId('story-card');
    const count = app.getByTestId('search-count');
    await expect(cards).toHaveCount(8);

    await search.fill('EPOLL');
    await expect(cards).toHaveCount(1);
    await expect(card(app, EPOLL.id)).toBeVisible();
    await expect(count).toHaveText('1 of 8 stories');

    // Every word must match, in any of the fields: "raft" is in two stories, "election" in one.
    await search.fill('raft');
    await expect(cards).toHaveCount(2);
    await search.fill('raft election');
    await expect(cards).toHaveCount(1);
    await expect(card(app, RAFT.id)).toBeVisible();
    await search.fill('attestations');
    await expect(cards).toHaveCount(3);
    await expect(count).toHaveText('3 of 8 stories');
    await search.fill('attestations nosuchword');
    await expect(cards).toHaveCount(0);
    await expect(count).toHaveText('0 of 8 stories');

    await app.getByRole('button', { name: 'Clear the search' }).click();
    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
    await expect(cards).toHaveCount(8);
    await expect(count).toHaveText('');

    await search.fill('epoll');
    await expect(cards).toHaveCount(1);
    await search.press('Escape');
    await expect(search).toHaveValue('');
    await expect(cards).toHaveCount(8);
  });
});
