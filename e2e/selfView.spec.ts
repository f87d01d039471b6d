import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { APP_ROOT, expect, startFromSetup, test } from './fixtures';

// Chromium records from its fake camera and microphone (FAKE_MEDIA_ARGS in the web project).
const TITLE = 'Setting an SLO for binary verification';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
] as const;
const SCREENSHOTS = join(APP_ROOT, 'test-results', 'self-view-screenshots');

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The word spans of a script, as far as these tests touch them (e2e has no DOM typings). */
interface WordElement {
  getClientRects(): Iterable<Box & { width: number; height: number }>;
}

/** Every line box of every word of the script (a word broken over two lines has two), as laid out now. */
async function scriptWordBoxes(script: Locator): Promise<Box[]> {
  return script
    .locator('.word')
    .evaluateAll((elements) =>
      (elements as unknown as WordElement[]).flatMap((word) =>
        [...word.getClientRects()]
          .filter((rect) => rect.width > 0 && rect.height > 0)
          .map((rect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom })),
      ),
    );
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The script's text that lies under the camera preview (none is wanted). */
async function wordsUnderSelfView(prompter: Locator): Promise<Box[]> {
  const view = await prompter.getByLabel('Camera preview').boundingBox();
  if (!view) throw new Error('The camera preview has no box');
  const camera = { left: view.x, top: view.y, right: view.x + view.width, bottom: view.y + view.height };
  const words = await scriptWordBoxes(prompter.getByTestId('teleprompter-text'));
  expect(words.length).toBeGreaterThan(20);
  return words.filter((word) => overlaps(word, camera));
}

async function openTeleprompter(app: Page): Promise<Locator> {
  await app.getByRole('button', { name: TITLE }).click();
  await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).click();
  const prompter = app.getByRole('dialog', { name: 'Rehearse' });
  await expect(prompter).toBeVisible();
  await startFromSetup(prompter, 'camera-and-mic');
  return prompter;
}

test.describe('the camera self-view', () => {
  // Opening the fake camera and saving the take take a few real seconds.
  test.describe.configure({ timeout: 90_000 });
  for (const size of SIZES) {
    test(`covers no word of the script at ${size.width}×${size.height} and can be hidden`, async ({ app }) => {
      await mkdir(SCREENSHOTS, { recursive: true });
      await app.setViewportSize(size);
      const prompter = await openTeleprompter(app);
      await expect(prompter.getByTestId('recording-status').getByText('Recording')).toBeVisible({ timeout: 10_000 });
      await expect(prompter.getByLabel('Camera preview')).toBeVisible();
      await app.screenshot({ path: join(SCREENSHOTS, `self-view-${size.width}.png`) });
      expect(await wordsUnderSelfView(prompter)).toEqual([]);

      // Further on in the script (its lines have moved up past the camera's height) still none.
      await app.keyboard.press('ArrowRight');
      await app.keyboard.press('ArrowRight');
      await expect(prompter.getByTestId('current-section')).toContainText('Action');
      expect(await wordsUnderSelfView(prompter)).toEqual([]);

      // Hidden from its own column, and shown again from the toolbar's Preview switch.
      const stage = prompter.getByRole('region', { name: 'Script' });
      const narrow = (await stage.boundingBox())!.width;
      await prompter.getByRole('button', { name: 'Hide camera' }).click();
      await expect(prompter.getByTestId('self-view')).toHaveCount(0);
      await expect(prompter.getByRole('button', { name: 'Preview' })).toHaveAttribute('aria-pressed', 'false');
      // The script takes the camera's space back.
      expect((await stage.boundingBox())!.width).toBeGreaterThan(narrow);
      await app.screenshot({ path: join(SCREENSHOTS, `self-view-${size.width}-hidden.png`) });
      await prompter.getByRole('button', { name: 'Preview' }).click();
      await expect(prompter.getByLabel('Camera preview')).toBeVisible();
      expect(await wordsUnderSelfView(prompter)).toEqual([]);

      await app.keyboard.press('Escape');
      await expect(prompter.getByTestId('take-saved')).toContainText('committed', { timeout: 15_000 });
    });
  }
});
