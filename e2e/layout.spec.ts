import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM_LAUNCH_ARGS } from '../playwright.config';
import { CHROMIUM_PATH } from '../scripts/chromium.js';
import { APP_ROOT, appMounted, expect, startHost, stopHost, test } from './fixtures';
import { layoutProblems } from './layoutProblems';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 900, height: 700 },
] as const;
const THEMES = ['light', 'dark'] as const;
/**
 * Where each size's screenshot goes, to be looked at by eye: test-results/ on every run, so a test
 * run leaves the repository clean; docs/screenshots/ when refreshing them (UPDATE_SCREENSHOTS=1).
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(APP_ROOT, 'docs', 'screenshots')
  : join(APP_ROOT, 'test-results', 'layout-screenshots');
/** The parts of the page whose text must fit: the header, the board (with the review banner), the editor, the checklist. */
const REGIONS = ['header.header', 'main.content', '[data-testid="story-editor"]', '[data-testid="checklist"]'];

/** Commits the vault four days ago, so every story's first review (three days after writing) is due. */
function commitInThePast(vault: string): void {
  const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600 * 1000).toISOString();
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t', ...args], {
      cwd: vault,
      env: { ...env, GIT_AUTHOR_DATE: fourDaysAgo, GIT_COMMITTER_DATE: fourDaysAgo },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'stories written');
}

test.describe('the layout at 1280, 1024 and 900 px, light and dark', () => {
  test('board, editor and checklist fit their boxes and break no word', async ({ vault }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the vault is prepared before the browser host starts');
    testInfo.setTimeout(120_000);
    commitInThePast(vault);
    await mkdir(SCREENSHOTS, { recursive: true });
    const host = await startHost(vault);
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS });
    try {
      for (const theme of THEMES) {
        const page = await browser.newPage({ colorScheme: theme, viewport: SIZES[0] });
        await page.goto(host.url);
        await appMounted(page);
        await expect(page.getByTestId('due-reviews')).toBeVisible();
        await page.getByRole('button', { name: 'Caching verified certificate chains' }).click();
        await expect(page.getByTestId('story-editor')).toBeVisible();
        for (const size of SIZES) {
          await page.setViewportSize(size);
          const label = `${size.width}-${theme}`;
          // The board from its top, with the review banner, whichever card was scrolled to.
          await page.locator('main.content').evaluate((board) => board.scrollTo(0, 0));
          await page.screenshot({ path: join(SCREENSHOTS, `layout-${label}.png`) });
          // The checklist stays where there is room for it and folds away where there is not.
          const wide = size.width >= 1024;
          await expect(page.getByTestId('checklist')).toBeVisible({ visible: wide });
          expect(await layoutProblems(page, wide ? REGIONS : REGIONS.slice(0, 3)), label).toEqual([]);
          if (wide) continue;
          // Folded away, the checklist still opens (over the board) and fits there.
          await page.getByTestId('checklist-toggle').click();
          await expect(page.getByTestId('checklist')).toBeVisible();
          await page.screenshot({ path: join(SCREENSHOTS, `layout-${label}-checklist.png`) });
          expect(await layoutProblems(page, REGIONS), `${label} checklist`).toEqual([]);
          await page.getByTestId('checklist-toggle').click();
          await expect(page.getByTestId('checklist')).toBeHidden();
        }
        await page.close();
      }
    } finally {
      await browser.close();
      await stopHost(host);
    }
  });
});
