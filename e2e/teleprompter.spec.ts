import { expect, test } from './fixtures';

const TITLE = 'Setting an SLO for binary verification';

test.describe('the teleprompter', () => {
  // Real seconds of countdown and scrolling; generous on a loaded two-core machine.
  test.describe.configure({ timeout: 60_000 });
  test('counts down, scrolls, pauses, mirrors, jumps and exits back to the editor', async ({ app }) => {
    await app.getByRole('button', { name: TITLE }).click();
    const rehearse = app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' });
    await rehearse.click();

    const prompter = app.getByRole('dialog', { name: 'Rehearse' });
    await expect(prompter).toBeVisible();
    await expect(prompter.getByRole('region', { name: 'Script' })).toBeFocused();
    await expect(prompter.getByTestId('teleprompter-countdown')).toBeVisible();

    // After the countdown the text moves: its translateY changes over time.
    const text = prompter.getByTestId('teleprompter-text');
    const transform = (): Promise<string> =>
      text.evaluate((element) => (element as unknown as { style: { transform: string } }).style.transform);
    await expect(prompter.getByTestId('teleprompter-countdown')).toHaveCount(0, { timeout: 10_000 });
    const started = await transform();
    await expect.poll(transform, { timeout: 10_000 }).not.toBe(started);

    // Space pauses: the transform stops changing; space again resumes.
    await app.keyboard.press(' ');
    await expect(prompter.getByRole('button', { name: 'Resume' })).toBeVisible();
    const held = await transform();
    await app.waitForTimeout(600);
    expect(await transform()).toBe(held);
    await app.keyboard.press(' ');
    await expect(prompter.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect.poll(transform, { timeout: 10_000 }).not.toBe(held);

    // M mirrors the text for teleprompter glass.
    await app.keyboard.press('m');
    await expect.poll(transform).toContain('scaleX(-1)');
    await expect(prompter.getByRole('button', { name: 'Mirror' })).toHaveAttribute('aria-pressed', 'true');
    await app.keyboard.press('m');
    await expect.poll(transform).not.toContain('scaleX(-1)');

    // → moves on to the next section.
    await expect(prompter.getByTestId('current-section')).toContainText('Situation');
    await app.keyboard.press('ArrowRight');
    await expect(prompter.getByTestId('current-section')).toContainText('Task');

    // ↑ speeds up.
    const speed = prompter.getByTestId('teleprompter-speed');
    await expect(speed).toHaveText('1.0×');
    await app.keyboard.press('ArrowUp');
    await expect(speed).toHaveText('1.1×');

    // Esc ends the take with its summary; Esc again leaves, focus back on Rehearse.
    await app.keyboard.press('Escape');
    const summary = prompter.getByTestId('teleprompter-summary');
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('row', { name: /Situation/ })).toBeVisible();
    await expect(summary.getByRole('row', { name: /Total/ })).toContainText('2:00');
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
    await expect(rehearse).toBeFocused();

    // The view is gone, not just hidden: the app's shortcuts work again, and Esc during the
    // countdown leaves at once.
    await app.keyboard.press('r');
    await expect(prompter).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
    await expect(rehearse).toBeFocused();
  });

  test('R opens the teleprompter on the open story', async ({ app }) => {
    await app.getByRole('button', { name: TITLE }).click();
    await expect(app.getByTestId('story-editor')).toBeVisible();
    await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).focus();
    await app.keyboard.press('r');
    const prompter = app.getByRole('dialog', { name: 'Rehearse' });
    await expect(prompter).toBeVisible();
    await expect(prompter).toContainText(TITLE);
    await prompter.getByRole('button', { name: 'Exit' }).click();
    await expect(prompter).toHaveCount(0);
  });
});
