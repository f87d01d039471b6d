import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOARD_PAGE_SIZE, firstScreenCards } from '../src/core/boardPaging';
import { COMPETENCIES } from '../src/core/competencies';
import { MAX_IMPORT_STORIES } from '../src/core/import/importLimits';
import { deliverableWithStories, generatedStoryFiles } from '../test/helpers/manyStories';
import type { Page } from '@playwright/test';
import { appMounted, expect, test as base } from './fixtures';

const STORIES = 1_000;
const PER_COLUMN = STORIES / COMPETENCIES.length;
/** The last story, in the last column, far past the cards a column builds at first. */
const LAST = { id: 'generated-story-01000', title: 'Generated story 01000', competency: COMPETENCIES[7].id };

/** The app on a vault of 1,000 generated stories, 125 in each column. */
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  vault: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'story-bank-e2e-large-'));
    const vault = join(dir, 'vault');
    await mkdir(join(vault, 'stories'), { recursive: true });
    for (const { name, text } of generatedStoryFiles(STORIES)) await writeFile(join(vault, 'stories', name), text);
    await use(vault);
    await rm(dir, { recursive: true, force: true });
  },
});

test.describe('a board of 1,000 stories', () => {
  // Writing and first committing 1,000 files, then sending them to the page, takes a while on a loaded machine.
  test.setTimeout(90_000);
  test('mounts with every column counted, and builds a bounded number of cards', async ({ app }) => {
    await expect(app.getByTestId('story-count')).toHaveText(`${STORIES} stories, 8 needed`, { timeout: 30_000 });
    for (const column of await app.locator('section[data-competency]').all()) {
      await expect(column.locator('.count')).toHaveText(String(PER_COLUMN), { timeout: 30_000 });
      await expect(column.getByTestId('story-card')).toHaveCount(BOARD_PAGE_SIZE);
      await expect(column.getByRole('button', { name: `Show ${BOARD_PAGE_SIZE} more` })).toBeVisible();
    }
    const column = app.locator(`section[data-competency="${COMPETENCIES[0].id}"]`);
    // By keyboard: the next cards are built and focus moves to the first of them.
    await column.getByRole('button', { name: /^Show \d+ more/ }).focus();
    await app.keyboard.press('Enter');
    await expect(column.getByTestId('story-card')).toHaveCount(2 * BOARD_PAGE_SIZE);
    await expect(column.getByTestId('story-card').nth(BOARD_PAGE_SIZE).locator('.open')).toBeFocused();
    await expect(app.getByTestId('story-card')).toHaveCount((COMPETENCIES.length + 1) * BOARD_PAGE_SIZE);
  });

  test('paints first the cards the window shows, then builds the rest of each column’s first page', async ({ app }) => {
    await expectFirstScreenFirst(app);
  });

  test('keeps to the cards the window shows when the stories come after the board was first shown', async ({
    app,
  }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'holds back a message on the browser host’s socket');
    // The stories' answer is held past the page's first wait (startApp.ts), so the board is first
    // painted loading, with no cards, and its cards come in a later frame.
    const listCalls = new Set<number>();
    await app.routeWebSocket(/\/api$/, (page) => {
      const host = page.connectToServer();
      page.onMessage((message) => {
        const { id, call } = JSON.parse(String(message)) as { id: number; call: string };
        if (call === 'listStories') listCalls.add(id);
        host.send(message);
      });
      host.onMessage((message) => {
        const { id } = JSON.parse(String(message)) as { id?: number };
        if (id !== undefined && listCalls.has(id)) setTimeout(() => page.send(message), 1_000);
        else page.send(message);
      });
    });
    await expectFirstScreenFirst(app);
    expect(listCalls.size).toBeGreaterThan(0);
  });

  test('finds the 1,000th story by search and opens it; its card stays built once the search is cleared', async ({
    app,
  }) => {
    const search = app.getByRole('searchbox', { name: 'Search stories' });
    await search.fill('Generated story 01000');
    await expect(app.getByTestId('search-count')).toHaveText(`1 of ${STORIES} stories`, { timeout: 30_000 });
    await app.getByRole('button', { name: LAST.title, exact: true }).click();
    await expect(app.getByTestId('story-editor').getByLabel('Title')).toHaveValue(LAST.title);

    await search.fill('');
    const card = app.locator(`[data-story-id="${LAST.id}"]`);
    await expect(card.getByRole('button', { name: LAST.title, exact: true })).toHaveAttribute('aria-current', 'true');
    const column = app.locator(`section[data-competency="${LAST.competency}"]`);
    await expect(column.getByTestId('story-card')).toHaveCount(BOARD_PAGE_SIZE + 1);
  });

  test('moves the open story from past the first cards to another column, keeping its card and focus', async ({
    app,
    vault,
  }) => {
    const search = app.getByRole('searchbox', { name: 'Search stories' });
    await search.fill('Generated story 01000');
    await app.getByRole('button', { name: LAST.title, exact: true }).click({ timeout: 30_000 });
    await search.fill('');
    const card = app.locator(`[data-story-id="${LAST.id}"]`);
    await card.getByRole('button', { name: /^Move to/ }).click();
    await app.getByRole('menuitem', { name: COMPETENCIES[0].label }).click();
    const target = app.locator(`section[data-competency="${COMPETENCIES[0].id}"]`);
    await expect(target.locator('.count')).toHaveText(String(PER_COLUMN + 1));
    // Last in file order, so far past the first cards of its new column: built because it is open.
    await expect(target.locator(`[data-story-id="${LAST.id}"] .open`)).toBeFocused();
    await expect.poll(async () => (await readdir(join(vault, 'stories'))).length).toBe(STORIES);
  });
});

base(
  'the import dialog refuses more stories than an import takes, naming the count and the cap',
  async ({ app, vault }, info) => {
    const bank = info.outputPath('bank.md');
    await writeFile(bank, deliverableWithStories(MAX_IMPORT_STORIES + 1));
    const before = await readdir(join(vault, 'stories'));
    await app.getByRole('button', { name: 'Import…' }).click();
    await app.getByTestId('import-files').setInputFiles(bank);
    await expect(app.getByTestId('import-dialog').getByRole('alert')).toHaveText(
      `found ${MAX_IMPORT_STORIES + 1} stories to import; an import takes at most ${MAX_IMPORT_STORIES}, so nothing was imported (split the file)`,
    );
    expect(await readdir(join(vault, 'stories'))).toEqual(before);
    await expect(app.getByTestId('story-card')).toHaveCount(8);
  },
);

/**
 * Reloads the page and checks that the first frame with cards had the first screen's, every
 * card the window shows among them, and that each column's first page was built after.
 */
async function expectFirstScreenFirst(app: Page): Promise<void> {
  // Notes how many cards the first frame that had any painted (page code, as a string: this
  // file is type-checked without the DOM's types).
  await app.addInitScript(`
    const look = () => {
      const cards = document.querySelectorAll('[data-testid="story-card"]').length;
      if (cards === 0) return requestAnimationFrame(look);
      window.firstFrameCards = cards;
    };
    requestAnimationFrame(look);
  `);
  await app.reload();
  await appMounted(app);
  const viewport = app.viewportSize();
  expect(viewport).not.toBeNull();
  const firstScreen = firstScreenCards(viewport!.height);
  expect(firstScreen).toBeLessThan(BOARD_PAGE_SIZE);
  await expect(app.getByTestId('story-card')).toHaveCount(COMPETENCIES.length * BOARD_PAGE_SIZE, { timeout: 30_000 });
  const firstFrame = await app.evaluate('window.firstFrameCards');
  expect(firstFrame).toBe(COMPETENCIES.length * firstScreen);
  // Every card the window shows was in that first frame.
  const shownPerColumn = (await app.evaluate(`
    [...document.querySelectorAll('section[data-competency]')].map(
      (column) =>
        [...column.querySelectorAll('[data-testid="story-card"]')].filter(
          (card) => card.getBoundingClientRect().top < innerHeight,
        ).length,
    )
  `)) as number[];
  for (const shown of shownPerColumn) expect(shown).toBeLessThanOrEqual(firstScreen);
  // "Show more" is offered once the first page is built.
  await expect(app.getByRole('button', { name: `Show ${BOARD_PAGE_SIZE} more` })).toHaveCount(COMPETENCIES.length);
}
