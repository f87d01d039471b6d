import AxeBuilder from '@axe-core/playwright';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { CHROMIUM_LAUNCH_ARGS } from '../playwright.config';
import { CHROMIUM_PATH } from '../scripts/chromium.js';
import { APP_ROOT, appMounted, expect, startHost, stopHost, test, type HostProcess } from './fixtures';

const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');
const SIZES = [
  { width: 900, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
/** docs/screenshots/ when refreshing them (UPDATE_SCREENSHOTS=1), else test-results/, so a run leaves the repository clean. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(APP_ROOT, 'docs', 'screenshots')
  : join(APP_ROOT, 'test-results', 'export-screenshots');
const NAME = 'Name: Ada Lovelace, cohort 7\n\n';

interface Session {
  page: Page;
  /** What the stand-in for the desktop's opener was asked to open, one path a line. */
  opened: () => Promise<string[]>;
}

/**
 * The browser host with STORY_BANK_OPENER set to a script that records its arguments (no real
 * desktop program is started), and Chromium with the clipboard granted to the page.
 */
const it = test.extend<{ session: Session }>({
  session: async ({ vault }, use, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the opener is the browser host’s');
    const opener = testInfo.outputPath('opener.sh');
    const log = testInfo.outputPath('opened.log');
    await mkdir(dirname(opener), { recursive: true });
    await writeFile(opener, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\n`);
    await chmod(opener, 0o755);
    let host: HostProcess | undefined;
    let browser: Browser | undefined;
    try {
      host = await startHost(vault, { STORY_BANK_OPENER: opener });
      const { chromium } = await import('@playwright/test');
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
      const page = await context.newPage();
      await page.goto(host.url);
      await appMounted(page);
      const opened = async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      await use({ page, opened });
    } finally {
      await browser?.close();
      if (host) await stopHost(host);
    }
  },
});

async function exportNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByTestId('export-dialog').getByRole('heading').first()).not.toHaveText('Exporting…');
}

async function setMetric(page: Page, title: string, metric: string): Promise<void> {
  await page.getByRole('button', { name: title }).click();
  const editor = page.getByTestId('story-editor');
  await editor.getByLabel('Metric', { exact: true }).fill(metric);
  await expect(editor.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });
}

/** Each size in light, and 1280×800 in dark (the dialog's colours; its layout is the light one's). */
async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const shots = [
    ...SIZES.map((size) => ({ size, scheme: 'light' as const })),
    { size: SIZES[1], scheme: 'dark' as const },
  ];
  for (const { size, scheme } of shots) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `export-${name}-${size.width}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[1]);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="export-dialog"]').analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('the export dialog', () => {
  it('shows the full path; Open, Reveal in folder and Copy act on the deliverable', async ({ session, vault }) => {
    const { page, opened } = session;
    const path = join(vault, DELIVERABLE);
    await exportNow(page);
    const dialog = page.getByTestId('export-dialog');
    await expect(dialog.getByTestId('export-full-path')).toHaveText(path);

    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog.getByTestId('export-action-note')).toHaveText('Asked your system to open it');
    await expect.poll(opened).toEqual([path]);
    await dialog.getByRole('button', { name: 'Reveal in folder' }).click();
    await expect(dialog.getByTestId('export-action-note')).toHaveText('Asked your system to show its folder');
    await expect.poll(opened).toEqual([path, dirname(path)]);

    const text = await readFile(path, 'utf8');
    await dialog.getByRole('button', { name: 'Copy text' }).click();
    await expect(dialog.getByTestId('export-action-note')).toHaveText(
      `Copied: all ${text.split('\n').length - 1} lines of the deliverable are on the clipboard`,
    );
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(text);
    expect(await seriousViolations(page)).toEqual([]);

    // A refused clipboard (the browser's own refusal, forced here) offers the text selected, to copy by hand.
    await page.evaluate(
      "navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.'))",
    );
    await dialog.getByRole('button', { name: 'Copy text' }).click();
    await expect(dialog.getByTestId('export-action-note')).toHaveText(
      'The clipboard was refused (Write permission denied.). The text is selected below: press Ctrl+C (⌘C on a Mac) to copy it.',
    );
    const fallback = dialog.getByTestId('export-copy-fallback');
    await expect(fallback).toBeFocused();
    await expect(fallback).toHaveValue(text);
    const selected = (box: unknown) => {
      const { selectionStart, selectionEnd } = box as { selectionStart: number; selectionEnd: number };
      return selectionEnd - selectionStart;
    };
    expect(await fallback.evaluate(selected)).toBe(text.length);
  });

  it('keeps a hand-added line, asks where edits overlap, and writes the user’s choice', async ({
    session,
    vault,
  }, testInfo) => {
    // Twelve screenshots on a shared machine, besides the four exports.
    testInfo.setTimeout(150_000);
    const { page } = session;
    const path = join(vault, DELIVERABLE);
    const dialog = page.getByTestId('export-dialog');
    await exportNow(page);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await writeFile(path, NAME + (await readFile(path, 'utf8')));

    // A story change elsewhere: merged, the name line kept.
    await setMetric(page, 'Replicating attestations with Raft', '1.3 s median failover across 500 crashes');
    await exportNow(page);
    await expect(dialog.getByRole('heading', { name: 'Exported: all five criteria pass' })).toBeVisible();
    await expect(dialog.getByTestId('export-kept-edits')).toHaveText(
      'Your hand edits were kept, merged with the export (+2 −0 lines of yours).',
    );
    let text = await readFile(path, 'utf8');
    expect(text.startsWith(NAME)).toBe(true);
    expect(text).toContain('**Metric:** 1.3 s median failover across 500 crashes');
    await screenshots(page, 'merged');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The same line changed on both sides: nothing is written until the user chooses.
    const mine = text.replace('**Metric:** 1.3 s median failover across 500 crashes', '**Metric:** my own wording');
    await writeFile(path, mine);
    await setMetric(page, 'Replicating attestations with Raft', '1.2 s median failover across 500 crashes');
    await exportNow(page);
    await expect(dialog.getByRole('heading', { name: 'Your edits and the new export overlap' })).toBeVisible();
    const conflicts = dialog.getByTestId('export-conflicts');
    await expect(conflicts.getByRole('region', { name: /^Your edits/ })).toContainText('**Metric:** my own wording');
    await expect(conflicts.getByRole('region', { name: /^The new export/ })).toContainText(
      '**Metric:** 1.2 s median failover across 500 crashes',
    );
    expect(await readFile(path, 'utf8')).toBe(mine);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'conflict');

    // Edit…: the markers must go; a refusal keeps the user's text in the box.
    await dialog.getByRole('button', { name: 'Edit…' }).click();
    const box = dialog.getByLabel('The merged deliverable');
    await expect(box).toHaveValue(/<<<<<<< your edits \(on disk\)\n\*\*Metric:\*\* my own wording\n=======\n/);
    // The caret starts at the first conflict, not at the top of the file.
    const caret = (element: unknown) => (element as { selectionStart: number }).selectionStart;
    expect(await box.evaluate(caret)).toBe((await box.inputValue()).indexOf('<<<<<<<'));
    // Scrolled down to it (the screenshot shows where): the marker is far below the first screenful.
    expect(await box.evaluate((element) => (element as { scrollTop: number }).scrollTop)).toBeGreaterThan(0);
    await screenshots(page, 'edit');
    await dialog.getByRole('button', { name: 'Save this version' }).click();
    await expect(dialog.getByTestId('export-merge-error')).toContainText('is still a conflict marker');
    const merged = await box.inputValue();
    const resolved = merged.replace(/<<<<<<< [^\n]*\n[\s\S]*?>>>>>>> [^\n]*\n/, '**Metric:** 1.2 s median, my words\n');
    await box.fill(resolved);
    await dialog.getByRole('button', { name: 'Save this version' }).click();
    await expect(dialog.getByTestId('export-kept-edits')).toBeVisible();
    text = await readFile(path, 'utf8');
    expect(text).toBe(resolved);
    expect(text.startsWith(NAME)).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Keep mine: the user's line stays where both changed it.
    await setMetric(page, 'Replicating attestations with Raft', '1.1 s median failover across 500 crashes');
    await exportNow(page);
    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await expect(dialog.getByRole('heading', { name: /^Already up to date|^Exported/ })).toBeVisible();
    expect(await readFile(path, 'utf8')).toBe(resolved);
  });
});
