import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { TakeSidecar } from '../src/core/rehearsal/take';
import { takeSidecarSchema } from '../src/core/rehearsal/takeSchema';
import { readWebmInfo } from '../src/main/rehearsal/webmSeekable';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.js';
import { expect, startFromSetup, startHost, stopHost, test } from './fixtures';

// Chromium records from its fake camera and microphone (FAKE_MEDIA_ARGS in the web project).
const TITLE = 'Setting an SLO for binary verification';
const STORY_ID = 'verification-slo';

async function takeFiles(vault: string): Promise<{ json: string[]; webm: string[]; dir: string }> {
  const dir = join(vault, 'rehearsals', STORY_ID);
  const names = await readdir(dir).catch(() => [] as string[]);
  return { dir, json: names.filter((n) => n.endsWith('.json')), webm: names.filter((n) => n.endsWith('.webm')) };
}

async function sidecar(vault: string, file: string): Promise<TakeSidecar> {
  return takeSidecarSchema.parse(JSON.parse(await readFile(join(vault, 'rehearsals', STORY_ID, file), 'utf8')));
}

/**
 * Waits until the take has a real piece of its recording on disk (the first piece the recorder
 * hands over can be a byte). On a loaded machine the encoder can take seconds to start; a take
 * ended before it has, has nothing recorded, and says so ("timing only").
 */
async function recordingOnDisk(prompter: Locator) {
  const status = prompter.getByTestId('recording-status');
  await expect
    .poll(async () => Number(await status.getAttribute('data-saved-bytes')), { timeout: 20_000 })
    .toBeGreaterThan(1000);
}

async function openTeleprompter(app: Page) {
  await app.getByRole('button', { name: TITLE }).click();
  await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).click();
  const prompter = app.getByRole('dialog', { name: 'Rehearse' });
  await expect(prompter).toBeVisible();
  return prompter;
}

test.describe('recording a rehearsal', () => {
  // Recording, making seekable and playing back take a few real seconds each.
  test.describe.configure({ timeout: 90_000 });
  test('records a playable webm and its sidecar; the history plays it by section; delete removes both files', async ({
    app,
    vault,
  }) => {
    const prompter = await openTeleprompter(app);
    const status = prompter.getByTestId('recording-status');
    await expect(prompter.getByRole('radio', { name: 'Camera and microphone' })).toBeChecked();
    await startFromSetup(prompter);
    await expect(prompter.getByRole('button', { name: 'Preview' })).toHaveAttribute('aria-pressed', 'true');
    await expect(prompter.getByLabel('Camera preview')).toBeVisible();
    await expect(status.getByText('Recording')).toBeVisible({ timeout: 10_000 });

    // About 3 s: Situation, then Task, with a pause in the middle that the recorder skips too.
    await app.waitForTimeout(1200);
    await app.keyboard.press('ArrowRight');
    await expect(prompter.getByTestId('current-section')).toContainText('Task');
    await app.waitForTimeout(800);
    await app.keyboard.press(' ');
    await expect(status.getByText('Paused')).toBeVisible();
    await app.waitForTimeout(1500);
    await app.keyboard.press(' ');
    await expect(status.getByText('Recording')).toBeVisible();
    await app.waitForTimeout(1200);
    await app.keyboard.press('Escape');

    const saved = prompter.getByTestId('take-saved');
    await expect(saved).toContainText('Saved with its recording (ready to play from any point', { timeout: 15_000 });
    await expect(saved).toContainText('committed');
    await prompter.getByTestId('take-notes').fill('Slow down in the Task.');
    await prompter.getByRole('button', { name: 'Done' }).focus();

    const files = await takeFiles(vault);
    expect(files.webm).toHaveLength(1);
    expect(files.json).toEqual([files.webm[0].replace('.webm', '.json')]);
    const webm = join(files.dir, files.webm[0]);
    expect((await stat(webm)).size).toBeGreaterThan(0);
    const info = await readWebmInfo(webm);
    expect(info.durationMs).not.toBeNull();
    expect(info.cues).toBeGreaterThan(0);

    await expect.poll(async () => (await sidecar(vault, files.json[0])).notes).toBe('Slow down in the Task.');
    const take = await sidecar(vault, files.json[0]);
    expect(take).toMatchObject({
      storyId: STORY_ID,
      status: 'complete',
      mode: 'camera-and-mic',
      media: files.webm[0],
      mediaSeekable: true,
    });
    expect(take.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(take.sections.map((s) => [s.section, s.targetMs])).toEqual([
      ['situation', 15_000],
      ['task', 15_000],
    ]);
    for (const section of take.sections) expect(section.durationMs).toBeGreaterThan(500);
    expect(take.sections.reduce((sum, s) => sum + s.durationMs, 0)).toBeLessThanOrEqual(take.durationMs);
    expect(take.marks?.map((m) => m.section)).toEqual(['situation', 'task']);
    // The pause is out of the take's time and out of the recording alike (the recording starts a
    // round trip after the take and stops a moment after it: within a 1.5 s pause of it).
    expect(info.durationMs!).toBeGreaterThan(1500);
    expect(info.durationMs!).toBeLessThan(take.durationMs + 900);

    // The history lists the take and plays it, with the sections on the timeline.
    await prompter.getByRole('button', { name: 'Done' }).click();
    await expect(prompter).toHaveCount(0);
    const editor = app.getByTestId('story-editor');
    await editor.getByRole('button', { name: 'Rehearsals' }).click();
    const takes = editor.getByTestId('story-takes');
    await expect(takes.getByTestId('take')).toHaveCount(1);
    await expect(takes.getByTestId('take').getByRole('textbox')).toHaveValue('Slow down in the Task.');
    await takes.getByRole('button', { name: 'Play' }).click();
    const video = takes.getByTestId('take-video');
    // Play plays: no second press on the player's own control.
    await expect.poll(() => video.evaluate((v) => (v as unknown as { paused: boolean }).paused)).toBe(false);
    await expect
      .poll(() => video.evaluate((v) => (v as unknown as { duration: number }).duration), { timeout: 10_000 })
      .toBeGreaterThan(1);
    const jumps = takes.getByRole('group', { name: 'Jump to a section' });
    await expect(jumps.getByRole('button')).toHaveCount(2);
    await jumps.getByRole('button', { name: /Task/ }).click();
    const taskAt = take.marks![1].atMs / 1000;
    await expect
      .poll(() => video.evaluate((v) => (v as unknown as { currentTime: number }).currentTime))
      .toBeGreaterThanOrEqual(taskAt - 0.05);

    // Deleting asks first; keeping it changes nothing; deleting removes both files.
    await takes.getByRole('button', { name: 'Delete…' }).click();
    const confirm = app.getByTestId('delete-take-dialog');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect((await takeFiles(vault)).webm).toHaveLength(1);
    await takes.getByRole('button', { name: 'Delete…' }).click();
    await confirm.getByRole('button', { name: 'Delete the take' }).click();
    await expect(takes.getByTestId('take')).toHaveCount(0);
    await expect(takes).toContainText('No takes yet');
    const after = await takeFiles(vault);
    expect([...after.json, ...after.webm]).toEqual([]);
  });

  test('records the microphone alone, and a take without recording keeps its timing', async ({ app, vault }) => {
    const prompter = await openTeleprompter(app);
    await startFromSetup(prompter);
    await expect(prompter.getByTestId('recording-status').getByText('Recording')).toBeVisible({ timeout: 10_000 });
    await recordingOnDisk(prompter);
    await app.keyboard.press('Escape');
    await expect(prompter.getByTestId('take-saved')).toContainText('Saved with its recording', { timeout: 15_000 });

    await prompter.getByRole('button', { name: 'Change setup' }).click();
    await startFromSetup(prompter, 'mic-only');
    await expect(prompter.getByLabel('Camera preview')).toHaveCount(0);
    await expect(prompter.getByTestId('recording-status').getByText('Recording')).toBeVisible({ timeout: 10_000 });
    await recordingOnDisk(prompter);
    await app.keyboard.press('Escape');
    await expect(prompter.getByTestId('take-saved')).toContainText('Saved with its recording', { timeout: 15_000 });

    await prompter.getByRole('button', { name: 'Change setup' }).click();
    await startFromSetup(prompter, 'no-recording');
    await expect(prompter.getByTestId('recording-status')).toHaveCount(0);
    await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0, { timeout: 10_000 });
    await app.waitForTimeout(500);
    await app.keyboard.press('Escape');
    await expect(prompter.getByTestId('take-saved')).toContainText('Saved (timing only)', { timeout: 15_000 });

    const files = await takeFiles(vault);
    expect(files.json).toHaveLength(3);
    const modes = await Promise.all(files.json.map(async (file) => (await sidecar(vault, file)).mode));
    expect(modes.sort()).toEqual(['camera-and-mic', 'mic-only', 'no-recording']);
    expect(files.webm).toHaveLength(2);
    for (const file of files.json) {
      const take = await sidecar(vault, file);
      if (take.mode !== 'mic-only') continue;
      const info = await readWebmInfo(join(files.dir, take.media!));
      expect(info.durationMs).not.toBeNull();
    }
  });

  test('a device that stops mid-take ends the take as interrupted, with what was recorded kept playable', async ({
    app,
    vault,
  }) => {
    // The real fake camera, with its tracks kept where the test can reach them: "unplugging" is
    // the `ended` event the browser sends when a device goes away.
    // (Typed structurally: this project's TypeScript has no DOM library.)
    type Track = { kind: string; dispatchEvent: (event: unknown) => boolean };
    type Page = {
      navigator: { mediaDevices: { getUserMedia: (c: unknown) => Promise<{ getTracks: () => Track[] }> } };
      testTracks?: Track[];
      Event: new (type: string) => unknown;
    };
    await app.evaluate(() => {
      const page = globalThis as unknown as Page;
      const devices = page.navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints: unknown) => {
        const stream = await open(constraints);
        page.testTracks = stream.getTracks();
        return stream;
      };
    });
    const prompter = await openTeleprompter(app);
    await startFromSetup(prompter);
    await expect(prompter.getByTestId('recording-status').getByText('Recording')).toBeVisible({ timeout: 10_000 });
    await recordingOnDisk(prompter);
    await app.waitForTimeout(1200);
    await app.evaluate(() => {
      const page = globalThis as unknown as Page;
      page.testTracks?.find((t) => t.kind === 'video')?.dispatchEvent(new page.Event('ended'));
    });
    const saved = prompter.getByTestId('take-saved');
    await expect(prompter.getByTestId('teleprompter-summary')).toBeVisible();
    await expect(saved).toContainText('The camera stopped', { timeout: 15_000 });
    await expect(saved).toContainText('Saved with its recording');

    const files = await takeFiles(vault);
    const take = await sidecar(vault, files.json[0]);
    expect(take.status).toBe('interrupted');
    expect(take.statusReason).toContain('The camera stopped');
    const info = await readWebmInfo(join(files.dir, take.media!));
    expect(info.durationMs).toBeGreaterThan(1000);
  });
});

test.describe('recording without devices', () => {
  test('says no camera or microphone was found and offers to rehearse without recording', async ({
    vault,
  }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'which devices exist is up to the machine here');
    // Access granted, but no fake devices: this machine has no camera or microphone of its own.
    const host = await startHost(vault);
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(host.url);
      const prompter = await openTeleprompter(page);
      const problem = prompter.getByTestId('setup-problem');
      await expect(problem).toContainText('No camera or no microphone was found', { timeout: 10_000 });
      await problem.getByRole('button', { name: 'Use the microphone only' }).click();
      await expect(problem).toContainText('No microphone was found. Connect one, or rehearse without recording.');
      await problem.getByRole('button', { name: 'Rehearse without recording' }).click();
      await startFromSetup(prompter);
      await expect(prompter.getByTestId('current-section')).toContainText('Situation', { timeout: 10_000 });
    } finally {
      await browser.close();
      await stopHost(host);
    }
  });
});

test.describe('recording without permission', () => {
  test('says access was refused and offers the microphone alone or no recording', async ({ vault }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the permission prompt is Chromium’s own here');
    // Fake devices, but no automatic "Allow": headless Chromium then refuses access.
    const host = await startHost(vault);
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(host.url);
      const prompter = await openTeleprompter(page);
      const problem = prompter.getByTestId('setup-problem');
      await expect(problem).toContainText('Access to the camera and microphone was refused', { timeout: 10_000 });
      await expect(prompter.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
      await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0);
      await problem.getByRole('button', { name: 'Rehearse without recording' }).click();
      await startFromSetup(prompter);
      await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0, { timeout: 10_000 });
      await expect(prompter.getByTestId('current-section')).toContainText('Situation');
      await page.keyboard.press('Escape');
      await expect(prompter.getByTestId('take-saved')).toContainText('Saved (timing only)', { timeout: 15_000 });
      expect((await takeFiles(vault)).webm).toEqual([]);
    } finally {
      await browser.close();
      await stopHost(host);
    }
  });
});

test.describe('the review schedule on the board', () => {
  test('lists the stories due for review and rehearses them one after another', async ({ vault }, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'web', 'the vault is prepared before the browser host starts');
    testInfo.setTimeout(90_000);
    // Written four days ago: the first review (3 days after writing) is one day overdue.
    const { execFileSync } = await import('node:child_process');
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600 * 1000).toISOString();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t', ...args], {
        cwd: vault,
        env: { ...process.env, GIT_AUTHOR_DATE: fourDaysAgo, GIT_COMMITTER_DATE: fourDaysAgo },
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'stories written');

    const host = await startHost(vault);
    const { chromium } = await import('@playwright/test');
    const { CHROMIUM_LAUNCH_ARGS } = await import('../playwright.config');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(host.url);
      const due = page.getByTestId('due-reviews');
      await expect(due.getByRole('heading')).toHaveText('Due for review today (8)');
      // Three names and "and 5 more" keep the strip short; all eight on request.
      await expect(due.getByRole('listitem')).toHaveCount(4);
      await expect(due.getByRole('listitem').first()).toContainText('review 1 of 4 · 1 day overdue');
      await due.getByRole('button', { name: 'and 5 more' }).click();
      await expect(due.getByRole('listitem')).toHaveCount(9);

      // The story's own view says the same.
      await due.getByRole('button', { name: TITLE }).click();
      const editor = page.getByTestId('story-editor');
      await editor.getByRole('button', { name: 'Rehearsals' }).click();
      await expect(editor.getByTestId('review-schedule')).toContainText('Review overdue by 1 day');

      await page.getByTestId('rehearsal-setup').waitFor({ state: 'detached' });
      await due.getByRole('button', { name: 'Rehearse these 8' }).click();
      const prompter = page.getByRole('dialog', { name: 'Rehearse' });
      await expect(prompter).toContainText('Story 1 of 8');
      await startFromSetup(prompter, 'no-recording');
      // The new mode's countdown first appears, then ends: keys pressed before it is over are not
      // the take's (a loaded run found no countdown yet, pressed through it, and saved nothing).
      await expect(prompter.getByTestId('teleprompter-countdown')).toBeVisible({ timeout: 10_000 });
      await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0, { timeout: 10_000 });
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await expect(prompter.getByTestId('take-saved')).toContainText('Saved (timing only)', { timeout: 15_000 });
      await prompter.getByRole('button', { name: /^Next story: / }).click();
      await expect(prompter).toContainText('Story 2 of 8');
      // A take of a few seconds is practice, not a review (30 s or more counts).
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(prompter).toHaveCount(0);
      await expect(due.getByRole('heading')).toHaveText('Due for review today (8)');
    } finally {
      await browser.close();
      await stopHost(host);
    }
  });
});
