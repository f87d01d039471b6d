import { readFile, rename, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { CHROMIUM_LAUNCH_ARGS } from '../playwright.config';
import { CHROMIUM_PATH } from '../scripts/chromium.js';
import { APP_ROOT, appMounted, expect, startHost, stopHost, test, type HostProcess } from './fixtures';

/**
 * The deliverable's order of the stories (issue #17, item 2): by default the board's competency
 * order whatever the files are called; reordered by keyboard, menu and drag; stored in
 * stories/order.json; followed by the cards' numbers, the checklist's "Story N" and the export;
 * kept on reload; an outside edit of the file shown live.
 */
const ORDER_FILE = join('stories', 'order.json');
const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');
/** Screenshots to look at: test-results/ on every run, docs/screenshots/ when refreshing them. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(APP_ROOT, 'docs', 'screenshots')
  : join(APP_ROOT, 'test-results', 'order-screenshots');

/**
 * The sample vault with its files renamed so that their names sort Performance first and Security
 * last (as a user's did), and the architecture story's metric without a number, so the
 * checklist names that story by its number.
 */
async function scramble(vault: string): Promise<void> {
  const stories = join(vault, 'stories');
  await rename(join(stories, '05-caching-verified-certificate-chains.md'), join(stories, '00-caching.md'));
  await rename(join(stories, '02-requiring-two-signatures-for-every-attestation.md'), join(stories, '99-two.md'));
  const store = join(stories, '06-storing-attestations-in-an-append-only-log.md');
  const text = await readFile(store, 'utf8');
  await writeFile(store, text.replace(/^metric: .*$/m, 'metric: much faster appends'));
}

let host: HostProcess;
let browser: Browser;
test.beforeEach(async ({ vault }, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'web', 'the vault is prepared before the browser host starts');
  await scramble(vault);
  host = await startHost(vault);
  const { chromium } = await import('@playwright/test');
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS });
});
test.afterEach(async () => {
  await browser?.close();
  if (host) await stopHost(host);
});

async function openApp(options: { width?: number; height?: number; dark?: boolean } = {}): Promise<Page> {
  // A page of its own context: axe-core's Playwright runner needs one.
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await appMounted(page);
  await expect(page.getByTestId('story-card')).toHaveCount(8);
  return page;
}

const card = (page: Page, id: string) => page.locator(`[data-story-id="${id}"]`);
const numberOf = (page: Page, id: string) => card(page, id).getByTestId('story-number');

/** Every card's number, by story id. */
async function numbers(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const each of await page.getByTestId('story-card').all()) {
    const id = (await each.getAttribute('data-story-id')) ?? '';
    out[id] = `#${await each.getByTestId('story-number').getAttribute('data-number')}`;
  }
  return out;
}

const BOARD_ORDER = [
  'raft-attestation-log',
  'threshold-signed-attestations',
  'verification-slo',
  'epoll-lost-wakeup',
  'chain-verification-cache',
  'append-only-store',
  'review-turnaround',
  'failed-checkpoint-demo',
];

test.describe('the order of the stories in the deliverable', () => {
  test('defaults to the board’s order, moves by keyboard, menu and drag, and the export and checklist follow', async ({
    vault,
  }) => {
    const page = await openApp();
    // The board's competency order, not the files' names (which put Performance first).
    expect(await numbers(page)).toEqual(Object.fromEntries(BOARD_ORDER.map((id, index) => [id, `#${index + 1}`])));
    await expect(numberOf(page, 'raft-attestation-log').locator('[aria-hidden="true"]')).toHaveText('#1');
    const metric = page.getByTestId('criterion-3');
    await expect(metric.getByRole('button', { name: /^Story 6\b/ })).toBeVisible();

    // Keyboard: Alt+↑ on the focused card; the live region says the new number; focus stays.
    const open = card(page, 'append-only-store').locator('button.open');
    await open.focus();
    await open.press('Alt+ArrowUp');
    await expect(numberOf(page, 'append-only-store')).toHaveAttribute('data-number', '5');
    await expect(numberOf(page, 'chain-verification-cache')).toHaveAttribute('data-number', '6');
    await expect(page.getByTestId('board-status')).toHaveText(
      '“Storing attestations in an append-only log” is now #5 of 8 in the deliverable.',
    );
    await expect(open).toBeFocused();
    await expect(metric.getByRole('button', { name: /^Story 5\b/ })).toBeVisible();

    // The card's menu: "Move up to #4".
    await card(page, 'append-only-store').getByRole('button', { name: 'Move to…' }).click();
    await page.getByRole('menuitem', { name: 'Move up to #4' }).click();
    await expect(numberOf(page, 'append-only-store')).toHaveAttribute('data-number', '4');
    await expect(numberOf(page, 'epoll-lost-wakeup')).toHaveAttribute('data-number', '5');

    // Drag, in the Order dialog: the last story dropped on the first becomes #1.
    await page.getByTestId('order-button').click();
    const dialog = page.getByTestId('order-dialog');
    const rows = dialog.getByTestId('order-row');
    await expect(rows).toHaveCount(8);
    await rows.nth(7).dragTo(rows.nth(0));
    await expect(rows.nth(0)).toContainText('#1 Failing a live demo at the week 12 checkpoint');
    await expect(dialog.getByTestId('order-status')).toHaveText(
      '“Failing a live demo at the week 12 checkpoint” is now #1 of 8 in the deliverable.',
    );
    // The dialog's buttons, and Alt+↓ on them: focus follows the row it moved.
    const down = rows.nth(0).getByRole('button', { name: /down to #2/ });
    await down.click();
    await expect(rows.nth(1)).toContainText('Failing a live demo');
    await expect(rows.nth(1).getByRole('button', { name: /down to #3/ })).toBeFocused();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(rows.nth(0)).toContainText('Failing a live demo');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toHaveCount(0);

    const expected = [
      'failed-checkpoint-demo',
      'raft-attestation-log',
      'threshold-signed-attestations',
      'verification-slo',
      'append-only-store',
      'epoll-lost-wakeup',
      'chain-verification-cache',
      'review-turnaround',
    ];
    const shown = Object.fromEntries(expected.map((id, index) => [id, `#${index + 1}`]));
    expect(await numbers(page)).toEqual(shown);
    await expect(metric.getByRole('button', { name: /^Story 5\b/ })).toBeVisible();
    expect(JSON.parse(await readFile(join(vault, ORDER_FILE), 'utf8'))).toEqual({ order: expected });

    // The export numbers the stories as the cards do (the bank fails criterion 3: asked first).
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = page.getByTestId('export-dialog');
    await exportDialog.getByRole('button', { name: 'Export anyway' }).click();
    await expect(exportDialog.getByTestId('export-path')).toBeVisible();
    const deliverable = await readFile(join(vault, DELIVERABLE), 'utf8');
    const headings = [...deliverable.matchAll(/^## Story #(\d+): (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings.slice(0, 2)).toEqual([
      '1 Failing a live demo at the week 12 checkpoint',
      '2 Replicating attestations with Raft',
    ]);
    expect(headings[4]).toBe('5 Storing attestations in an append-only log');
    await exportDialog.getByRole('button', { name: 'Done' }).click();

    // A reload keeps it: it is in the vault, not in the page.
    await page.reload();
    await appMounted(page);
    await expect(numberOf(page, 'failed-checkpoint-demo')).toHaveAttribute('data-number', '1');
    expect(await numbers(page)).toEqual(shown);
  });

  test('an outside edit of the order file appears live; a broken one falls back and says so', async ({ vault }) => {
    const page = await openApp();
    await expect(numberOf(page, 'review-turnaround')).toHaveAttribute('data-number', '7');
    await writeFile(join(vault, ORDER_FILE), '{"order": ["review-turnaround", "no-such-story", "verification-slo"]}\n');
    await expect(numberOf(page, 'review-turnaround')).toHaveAttribute('data-number', '1', { timeout: 2_000 });
    await expect(numberOf(page, 'verification-slo')).toHaveAttribute('data-number', '2');
    await expect(numberOf(page, 'raft-attestation-log')).toHaveAttribute('data-number', '3');

    // Broken by hand: the board's order stands, and the Order dialog says why and offers the fix.
    await writeFile(join(vault, ORDER_FILE), '{"order": ["review-turnaround",\n');
    await expect(numberOf(page, 'review-turnaround')).toHaveAttribute('data-number', '7', { timeout: 2_000 });
    await page.getByTestId('order-button').click();
    const dialog = page.getByTestId('order-dialog');
    await expect(dialog.getByTestId('order-problem')).toContainText('stories/order.json cannot be used');
    await expect(dialog.getByRole('button', { name: /up to #1/ })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Replace it with this order' }).click();
    await expect(dialog.getByTestId('order-problem')).toHaveCount(0);
    await expect(dialog.getByTestId('order-status')).toHaveText('stories/order.json now holds the order shown.');
    expect(JSON.parse(await readFile(join(vault, ORDER_FILE), 'utf8'))).toEqual({ order: BOARD_ORDER });
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  test('the board with its numbers and the Order dialog have no serious or critical axe violations', async () => {
    // axe walks the whole page twice per theme: seconds each on a busy machine.
    test.setTimeout(120_000);
    for (const dark of [false, true]) {
      const page = await openApp({ dark });
      const serious = async (include?: string) => {
        const builder = new AxeBuilder({ page });
        if (include) builder.include(include);
        const { violations } = await builder.analyze();
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      expect(await serious('main.content')).toEqual([]);
      await page.getByTestId('order-button').click();
      await expect(page.getByTestId('order-row')).toHaveCount(8);
      expect(await serious('[data-testid="order-dialog"]')).toEqual([]);
      await page.close();
    }
  });

  test('screenshots at 900×700, 1280×800 and 1920×1080, light and dark', async () => {
    test.setTimeout(90_000);
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const dark of [false, true]) {
      for (const [width, height] of [
        [900, 700],
        [1280, 800],
        [1920, 1080],
      ] as const) {
        const page = await openApp({ width, height, dark });
        const theme = dark ? 'dark' : 'light';
        await page.screenshot({ path: join(SCREENSHOTS, `order-board-${width}-${theme}.png`) });
        await page.getByTestId('order-button').click();
        const rows = page.getByTestId('order-row');
        await expect(rows).toHaveCount(8);
        // A move made, so the shot shows its announcement; undone after, so every shot is alike.
        await rows
          .nth(0)
          .getByRole('button', { name: /down to #2/ })
          .click();
        await expect(page.getByTestId('order-status')).toContainText('is now #2 of 8');
        await page.screenshot({ path: join(SCREENSHOTS, `order-dialog-${width}-${theme}.png`) });
        await rows
          .nth(1)
          .getByRole('button', { name: /up to #1/ })
          .click();
        await expect(rows.nth(0)).toContainText('Replicating attestations with Raft');
        await page.close();
      }
    }
  });
});
