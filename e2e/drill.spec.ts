import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { takeSidecarSchema } from '../src/core/rehearsal/takeSchema';
import { APP_ROOT, expect, test } from './fixtures';

/**
 * Where the drill's screenshots go, to be looked at by eye: test-results/ on every run, so a run
 * leaves the repository clean; docs/screenshots/ when refreshing them (UPDATE_SCREENSHOTS=1).
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(APP_ROOT, 'docs', 'screenshots')
  : join(APP_ROOT, 'test-results', 'drill-screenshots');

async function seriousViolations(page: Page, include: string) {
  const { violations } = await new AxeBuilder({ page }).include(include).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Each story of the vault: its id, title and question types, read from its file as the app reads it. */
async function storiesOf(vault: string) {
  const dir = join(vault, 'stories');
  return Promise.all(
    (await readdir(dir)).map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      const meta = parseYaml(text.split('\n---\n')[0].replace(/^---\n/, '')) as {
        id: string;
        title: string;
        questionTypes: string[];
      };
      return meta;
    }),
  );
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[.?!]+$/, '')
    .trim();

/** Waits until the take has a real piece of its recording on disk (see recording.spec.ts). */
async function recordingOnDisk(drill: Locator) {
  const status = drill.getByTestId('recording-status');
  await expect
    .poll(async () => Number(await status.getAttribute('data-saved-bytes')), { timeout: 20_000 })
    .toBeGreaterThan(1000);
}

test.describe('a mock-interview drill', () => {
  test.describe.configure({ timeout: 120_000 });

  test('question → wrong pick → right pick → told with one peek → self-check → sidecar and board strip', async ({
    app,
    vault,
  }, testInfo) => {
    const stories = await storiesOf(vault);
    const strip = app.getByTestId('drill-strip');
    await expect(strip).toContainText('Drill: no questions answered yet');
    await app.getByTestId('drill-button').click();
    const drill = app.getByRole('dialog', { name: 'Drill' });
    await expect(drill).toBeVisible();

    // The question, and which stories the map names for it (any of them is right).
    const question = (await drill.getByTestId('drill-question').textContent())!.trim();
    const right = stories.filter((story) => story.questionTypes.some((type) => plain(type) === plain(question)));
    expect(right.length, `the stories for "${question}"`).toBeGreaterThan(0);
    const choices = drill.getByTestId('drill-choice');
    await expect(choices).toHaveCount(8);
    expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
    await app.screenshot({ path: join(SCREENSHOTS, 'drill-1-question.png') });

    // A wrong pick by its key: the map's stories are named, and the user picks again.
    const titles = (await drill.getByTestId('drill-choice').locator('.title').allTextContents()).map((t) => t.trim());
    const wrongIndex = titles.findIndex((title) => !right.some((story) => story.title === title));
    const wrong = stories.find((story) => story.title === titles[wrongIndex])!;
    await app.keyboard.press(String(wrongIndex + 1));
    const verdict = drill.getByTestId('drill-verdict');
    await expect(verdict).toContainText(`Not “${wrong.title}”`);
    for (const story of right) await expect(verdict).toContainText(story.title);
    expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
    await app.screenshot({ path: join(SCREENSHOTS, 'drill-2-wrong-pick.png') });

    // The right pick, by mouse: the setup step (nothing records before Start).
    const told = right[0];
    await choices.filter({ hasText: told.title }).click();
    await expect(drill.getByTestId('drill-setup')).toBeVisible();
    expect(await readdir(join(vault, 'rehearsals')).catch(() => [])).toEqual([]);
    await drill.getByLabel('Camera and microphone').check();
    // The rehearsal's setup step: the camera's picture and the microphone's level before Start.
    await expect(drill.getByTestId('setup-preview')).toBeVisible({ timeout: 15_000 });
    expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
    await app.screenshot({ path: join(SCREENSHOTS, 'drill-3-setup.png') });
    await drill.getByRole('button', { name: 'Start telling' }).click();

    // Told from the key phrases: the script hidden, one peek at the Action.
    const telling = drill.getByTestId('drill-telling');
    await expect(telling.getByText('Recording')).toBeVisible({ timeout: 15_000 });
    await expect(telling.getByTestId('drill-peek')).toHaveCount(0);
    await recordingOnDisk(drill);
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('ArrowRight');
    await expect(telling.getByTestId('current-section')).toContainText('Action');
    await app.keyboard.press('p');
    await expect(telling.getByTestId('drill-peek')).toContainText('Action (peeked)');
    await expect(telling.getByTestId('drill-peeks')).toHaveText('1 peek');
    expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
    await app.screenshot({ path: join(SCREENSHOTS, 'drill-4-telling.png') });
    await app.waitForTimeout(800);
    await app.keyboard.press('ArrowRight');
    await expect(telling.getByTestId('drill-peek')).toHaveCount(0);
    await app.keyboard.press('Escape');

    // The self-check, with the recording beside the script.
    const check = drill.getByTestId('drill-self-check');
    await expect(check.getByTestId('drill-summary')).toContainText('First pick wrong', { timeout: 20_000 });
    await expect(check.getByTestId('drill-summary')).toContainText('1 peek');
    await expect(check.getByTestId('take-player')).toBeVisible();
    await check.getByLabel('Said the metric').check();
    await check.getByLabel('Named the alternatives').check();
    await check.getByTestId('drill-save-check').click();
    await expect(check.getByTestId('drill-check-saved')).toContainText('Saved: 3 of');
    expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
    await app.screenshot({ path: join(SCREENSHOTS, 'drill-5-self-check.png') });

    // The committed sidecar holds the drill.
    const dir = join(vault, 'rehearsals', told.id);
    const [file] = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    const text = await readFile(join(dir, file), 'utf8');
    await writeFile(testInfo.outputPath('drill-sidecar.json'), text);
    const sidecar = takeSidecarSchema.parse(JSON.parse(text));
    expect(sidecar).toMatchObject({ storyId: told.id, status: 'complete', mode: 'camera-and-mic' });
    expect(sidecar.drill).toMatchObject({
      question,
      correct: false,
      picks: [
        { storyId: wrong.id, correct: false },
        { storyId: told.id, correct: true },
      ],
      peeks: [{ section: 'action' }],
    });
    expect(sidecar.drill!.chooseMs).toBe(sidecar.drill!.picks[0].atMs);
    expect(sidecar.drill!.rubric.slice(0, 2).map((item) => [item.kind, item.checked])).toEqual([
      ['metric', true],
      ['alternatives', true],
    ]);
    expect(sidecar.drill!.rubric.at(-1)).toEqual({ kind: 'under-two-minutes', text: '2:00', checked: true });

    // Back on the board: the type just missed leads the weakest types, the story's rubric shows.
    await drill.getByRole('button', { name: 'Done' }).click();
    await expect(drill).toBeHidden();
    await expect(app.getByTestId('drill-button')).toBeFocused();
    const weakest = strip.getByTestId('weakest-types');
    await expect(weakest.locator('li').first()).toContainText('0% right (0/1)');
    await expect(weakest.locator('li').first()).toContainText(sidecar.drill!.questionType);
    const score = `${sidecar.drill!.rubric.filter((item) => item.checked).length}/${sidecar.drill!.rubric.length}`;
    const trend = strip.getByTestId('rubric-trends').locator('li').filter({ hasText: told.title });
    await expect(trend).toContainText(score);
    expect(await seriousViolations(app, '[data-testid="drill-strip"]')).toEqual([]);
    await app.screenshot({ path: join(SCREENSHOTS, 'drill-6-board.png') });

    // The story's Rehearsals view lists the drill among its takes.
    await app.getByRole('button', { name: told.title }).click();
    const editor = app.getByTestId('story-editor');
    await editor.getByRole('button', { name: 'Rehearsals' }).click();
    await expect(editor.getByTestId('take')).toContainText('Drill · first pick wrong');
  });

  test('D opens the drill on its question without recording; Esc leaves it; axe in dark', async ({ app, vault }) => {
    await app.emulateMedia({ colorScheme: 'dark' });
    await expect(app.getByTestId('story-card')).toHaveCount(8);
    await app.keyboard.press('d');
    const drill = app.getByRole('dialog', { name: 'Drill' });
    await expect(drill.getByTestId('drill-question')).toBeVisible();
    expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
    await drill.getByRole('button', { name: 'Another question' }).click();
    await expect(drill.getByTestId('drill-choice')).toHaveCount(8);
    await app.keyboard.press('Escape');
    await expect(drill).toBeHidden();
    expect(await readdir(join(vault, 'rehearsals')).catch(() => [])).toEqual([]);
  });
});

test.describe('a drill at other sizes', () => {
  test.describe.configure({ timeout: 90_000 });
  for (const [width, height, scheme] of [
    [900, 700, 'dark'],
    [1920, 1080, 'light'],
  ] as const) {
    test(`fits at ${width}×${height} in ${scheme}, told without recording`, async ({ app, vault }) => {
      await app.setViewportSize({ width, height });
      await app.emulateMedia({ colorScheme: scheme });
      const stories = await storiesOf(vault);
      await app.getByTestId('drill-button').click();
      const drill = app.getByRole('dialog', { name: 'Drill' });
      const question = (await drill.getByTestId('drill-question').textContent())!.trim();
      const right = stories.find((story) => story.questionTypes.some((type) => plain(type) === plain(question)))!;
      const label = `${width}-${scheme}`;
      await app.screenshot({ path: join(SCREENSHOTS, `drill-question-${label}.png`) });
      await drill.getByTestId('drill-choice').filter({ hasText: right.title }).click();
      await drill.getByLabel('No recording').check();
      await drill.getByRole('button', { name: 'Start telling' }).click();
      const telling = drill.getByTestId('drill-telling');
      await expect(telling.getByTestId('current-section')).toContainText('Situation');
      await app.keyboard.press('p');
      await expect(telling.getByTestId('drill-peek')).toBeVisible();
      expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
      await app.screenshot({ path: join(SCREENSHOTS, `drill-telling-${label}.png`) });
      await app.keyboard.press('Escape');
      const check = drill.getByTestId('drill-self-check');
      await expect(check.getByTestId('drill-summary')).toContainText('First pick right', { timeout: 15_000 });
      await expect(check.getByText('No recording of this telling')).toBeVisible();
      expect(await seriousViolations(app, '[data-testid="drill"]')).toEqual([]);
      await app.screenshot({ path: join(SCREENSHOTS, `drill-self-check-${label}.png`) });
      // Nothing in the drill is wider than the window.
      const overflow = await drill.locator('.body').evaluate((body) => body.scrollWidth - body.clientWidth);
      expect(overflow).toBe(0);
    });
  }
});
