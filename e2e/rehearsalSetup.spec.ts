import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { APP_ROOT, expect, startFromSetup, test } from './fixtures';

// Chromium's fake camera and microphone (FAKE_MEDIA_ARGS in the web project): a moving picture
// and a beep, so the preview plays and the meter moves.
const TITLE = 'Setting an SLO for binary verification';
const STORY_ID = 'verification-slo';

/**
 * Where the setup step's screenshots go, to be looked at by eye: test-results/ on every run;
 * docs/screenshots/ when refreshing them (UPDATE_SCREENSHOTS=1).
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(APP_ROOT, 'docs', 'screenshots')
  : join(APP_ROOT, 'test-results', 'rehearsal-setup-screenshots');

const takeFiles = async (vault: string): Promise<string[]> =>
  (await readdir(join(vault, 'rehearsals', STORY_ID)).catch(() => [] as string[])).sort();
const gitIn =
  (vault: string) =>
  (...args: string[]): string =>
    execFileSync('git', args, { cwd: vault, encoding: 'utf8' }).trim();

async function openSetupByKey(app: Page): Promise<{ prompter: Locator; setup: Locator }> {
  await app.getByRole('button', { name: TITLE }).click();
  await expect(app.getByTestId('story-editor')).toBeVisible();
  await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).focus();
  await app.keyboard.press('r');
  await app.getByTestId('shortcut-confirm').getByRole('button', { name: 'Start rehearsal' }).click();
  const prompter = app.getByRole('dialog', { name: 'Rehearse', exact: true });
  const setup = prompter.getByTestId('rehearsal-setup');
  await expect(setup).toBeVisible();
  return { prompter, setup };
}

/** The meter's readings over a couple of seconds: the fake microphone's beep comes and goes. */
async function meterReadings(setup: Locator): Promise<Set<string>> {
  const meter = setup.getByTestId('setup-level');
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        seen.add((await meter.getAttribute('aria-valuenow')) ?? '');
        return seen.size;
      },
      { timeout: 15_000, intervals: [100] },
    )
    .toBeGreaterThan(2);
  return seen;
}

test.describe('the rehearsal setup step', () => {
  test.describe.configure({ timeout: 90_000 });

  test('R opens the setup with a live preview and meter; Esc cancels with nothing written', async ({ app, vault }) => {
    const git = gitIn(vault);
    const headBefore = git('rev-parse', 'HEAD');
    const { prompter, setup } = await openSetupByKey(app);
    await expect(setup).toBeFocused();
    await expect(setup.getByRole('radio', { name: 'Camera and microphone' })).toBeChecked();

    // The camera's picture plays and the level moves, and nothing counts down or records yet.
    const preview = setup.getByTestId('setup-preview');
    await expect(preview).toBeVisible({ timeout: 10_000 });
    await expect
      .poll(() => preview.evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth), { timeout: 10_000 })
      .toBeGreaterThan(0);
    const readings = await meterReadings(setup);
    expect([...readings].some((value) => Number(value) > 0)).toBe(true);
    await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0);
    await expect(prompter.getByTestId('recording-status')).toHaveCount(0);

    // The microphone alone: no picture, the meter stays; no recording: neither.
    await setup.getByRole('radio', { name: 'Microphone only' }).check();
    await expect(setup.getByTestId('setup-level')).toBeVisible({ timeout: 10_000 });
    await expect(preview).toHaveCount(0);
    await setup.getByRole('radio', { name: 'No recording' }).check();
    await expect(setup.getByTestId('setup-level')).toHaveCount(0);
    await expect(setup).toContainText('Nothing is recorded');
    await setup.getByRole('radio', { name: 'Camera and microphone' }).check();
    await expect(preview).toBeVisible({ timeout: 10_000 });

    for (const scheme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: scheme });
      const { violations } = await new AxeBuilder({ page: app }).include('[data-testid="rehearsal-setup"]').analyze();
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
        scheme,
      ).toEqual([]);
    }

    // Esc cancels: the teleprompter closes, no take file, no commit, a clean work tree.
    await setup.getByRole('radio', { name: 'Camera and microphone' }).focus();
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
    expect(await takeFiles(vault)).toEqual([]);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('rev-parse', 'HEAD')).toBe(headBefore);

    // Esc in the countdown cancels too: the take exists only once the script moves.
    await openSetupByKey(app);
    await app.keyboard.press('Enter');
    await expect(prompter.getByTestId('teleprompter-countdown')).toBeVisible({ timeout: 10_000 });
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
    expect(await takeFiles(vault)).toEqual([]);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('rev-parse', 'HEAD')).toBe(headBefore);
  });

  test('Enter pressed while the devices are still opening starts the take once they are ready', async ({ app }) => {
    // Slow devices: the camera and microphone take 1.5 s to open (a permission prompt, a USB camera waking).
    await app.evaluate(() => {
      type Devices = { getUserMedia(constraints: unknown): Promise<unknown> };
      const devices = (globalThis as unknown as { navigator: { mediaDevices: Devices } }).navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (constraints: unknown) =>
        new Promise((resolve) => setTimeout(resolve, 1500)).then(() => open(constraints));
    });
    const { prompter, setup } = await openSetupByKey(app);
    await expect(setup).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(setup.getByRole('button', { name: 'Starting when ready…' })).toBeDisabled();
    await expect(prompter.getByTestId('teleprompter-countdown')).toBeVisible({ timeout: 10_000 });
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
  });

  test('Start records a take; Discard asks, removes its files and commits the removal', async ({ app, vault }) => {
    const git = gitIn(vault);
    await app.getByRole('button', { name: TITLE }).click();
    const editor = app.getByTestId('story-editor');
    await editor.getByRole('button', { name: 'Rehearse' }).click();
    const prompter = app.getByRole('dialog', { name: 'Rehearse', exact: true });
    await startFromSetup(prompter, 'mic-only');
    const status = prompter.getByTestId('recording-status');
    await expect(status.getByText('Recording')).toBeVisible({ timeout: 10_000 });
    await expect
      .poll(async () => Number(await status.getAttribute('data-saved-bytes')), { timeout: 20_000 })
      .toBeGreaterThan(1000);
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('Escape');
    const saved = prompter.getByTestId('take-saved');
    await expect(saved).toContainText('committed', { timeout: 15_000 });
    const files = await takeFiles(vault);
    expect(files.map((name) => name.replace(/^.*\./, ''))).toEqual(['json', 'webm']);

    // Asking first: Esc and Keep it leave the take as it is (and the teleprompter open).
    await prompter.getByRole('button', { name: 'Discard take…' }).click();
    const confirm = app.getByTestId('discard-take-dialog');
    await expect(confirm.getByRole('heading', { name: 'Discard this take?' })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(prompter.getByTestId('teleprompter-summary')).toBeVisible();
    await prompter.getByRole('button', { name: 'Discard take…' }).click();
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect(await takeFiles(vault)).toEqual(files);

    await prompter.getByRole('button', { name: 'Discard take…' }).click();
    await confirm.getByRole('button', { name: 'Discard the take' }).click();
    await expect(saved).toHaveText('Take discarded: its files were removed and the removal committed.');
    await expect(prompter.getByRole('button', { name: 'Discard take…' })).toHaveCount(0);
    expect(await takeFiles(vault)).toEqual([]);
    expect(git('log', '-1', '--format=%s', '--name-status')).toBe(
      `rehearsal: remove a take of ${TITLE}\n\nD\trehearsals/${STORY_ID}/${files[0]}`,
    );
    expect(git('status', '--porcelain')).toBe('');

    // The story's takes list has nothing left either; the mode chosen is the next rehearsal's.
    await prompter.getByRole('button', { name: 'Done' }).click();
    await editor.getByRole('button', { name: 'Rehearsals' }).click();
    await expect(editor.getByTestId('story-takes')).toContainText('No takes yet');
    await editor.getByRole('button', { name: 'Rehearse' }).click();
    await expect(prompter.getByRole('radio', { name: 'Microphone only' })).toBeChecked();
  });

  test('"Rehearse the whole bank" goes through the setup too', async ({ app }) => {
    await app.getByRole('button', { name: 'Rehearse the whole bank' }).click();
    const prompter = app.getByRole('dialog', { name: 'Rehearse', exact: true });
    const setup = prompter.getByTestId('rehearsal-setup');
    await expect(setup).toContainText('8 stories, one take each');
    await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0);
    await startFromSetup(prompter, 'no-recording');
    await expect(prompter).toContainText('Story 1 of 8');
    await expect(prompter.getByTestId('teleprompter-countdown')).toBeVisible({ timeout: 10_000 });
  });

  test('screenshots of the setup at three sizes', async ({ app }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the screenshots are taken once');
    await mkdir(SCREENSHOTS, { recursive: true });
    await app.getByRole('button', { name: TITLE }).click();
    await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).click();
    const setup = app.getByTestId('rehearsal-setup');
    await expect(setup.getByTestId('setup-preview')).toBeVisible({ timeout: 10_000 });
    for (const [width, height] of [
      [900, 700],
      [1280, 800],
      [1920, 1080],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        await app.setViewportSize({ width, height });
        await app.emulateMedia({ colorScheme: scheme });
        // The whole step fits: its Start button is on screen at every size.
        await expect(setup.getByRole('button', { name: 'Start', exact: true })).toBeInViewport();
        await app.screenshot({ path: join(SCREENSHOTS, `rehearsal-setup-${width}-${scheme}.png`) });
      }
    }

    // The summary's buttons, Discard take among them, fit the smallest window.
    await app.setViewportSize({ width: 900, height: 700 });
    await app.emulateMedia({ colorScheme: 'light' });
    const prompter = app.getByRole('dialog', { name: 'Rehearse', exact: true });
    await startFromSetup(prompter, 'no-recording');
    await expect(prompter.getByRole('button', { name: 'Pause' })).toBeEnabled({ timeout: 10_000 });
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('Escape');
    const summary = prompter.getByTestId('teleprompter-summary');
    await expect(summary.getByTestId('take-saved')).toContainText('Saved', { timeout: 15_000 });
    for (const name of ['Discard take…', 'Done', 'Change setup', 'Rehearse again'])
      await expect(summary.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
    await app.screenshot({ path: join(SCREENSHOTS, 'rehearsal-setup-summary-900-light.png') });
  });
});
