import { expect, startFromSetup, test } from './fixtures';

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
    await startFromSetup(prompter);
    await expect(prompter.getByTestId('teleprompter-countdown')).toBeVisible();
    await expect(prompter.getByRole('region', { name: 'Script' })).toBeFocused();

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
    // A few seconds against two minutes is Short, not within target; → and Esc ended the
    // sections, so the times are the speaker's and nothing says scroll.
    await expect(summary.getByRole('row', { name: /Total/ })).toContainText('Short');
    await expect(summary.getByRole('row', { name: /Action/ })).toContainText('Skipped');
    await expect(summary.getByTestId('scroll-timed')).toHaveCount(0);
    await expect(summary).not.toContainText('Scroll pace');
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
    await expect(rehearse).toBeFocused();

    // The view is gone, not just hidden: the app's shortcuts work again (R asks first), and Esc
    // in the setup step leaves at once.
    await app.keyboard.press('r');
    await app.getByTestId('shortcut-confirm').getByRole('button', { name: 'Start rehearsal' }).click();
    await expect(prompter.getByTestId('rehearsal-setup')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);
    await expect(rehearse).toBeFocused();
  });

  test('? lists the keys and pauses; a section the scroll ended is labelled scroll pace', async ({ app }) => {
    await app.getByRole('button', { name: TITLE }).click();
    await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).click();
    const prompter = app.getByRole('dialog', { name: 'Rehearse' });
    await startFromSetup(prompter);
    // The take runs once Pause can be pressed (the countdown is over).
    await expect(prompter.getByRole('button', { name: 'Pause' })).toBeEnabled({ timeout: 10_000 });

    // ? opens the shortcuts list with the teleprompter's keys first, and pauses the take.
    await app.keyboard.press('?');
    const help = app.getByTestId('shortcuts-dialog');
    await expect(help).toBeVisible();
    const keys = help.getByRole('region', { name: 'Teleprompter' });
    await expect(keys).toContainText('Pause or resume the take');
    await expect(keys).toContainText('Next section');
    await expect(keys).toContainText('Mirror the script');
    await expect(help.getByRole('heading', { level: 3 }).first()).toHaveText('Teleprompter');
    // Esc closes the list only: the take is still there, paused, not ended.
    await app.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    await expect(prompter.getByRole('button', { name: 'Resume' })).toBeVisible();
    await expect(prompter.getByTestId('teleprompter-summary')).toHaveCount(0);
    await expect(prompter.getByRole('region', { name: 'Script' })).toBeFocused();

    // At 2× Situation's 15 s scroll by in 7.5 s; let the scroll reach Task, then end with Esc.
    for (let step = 0; step < 10; step++) await app.keyboard.press('ArrowUp');
    await expect(prompter.getByTestId('teleprompter-speed')).toHaveText('2.0×');
    await app.keyboard.press(' ');
    await expect(prompter.getByTestId('current-section')).toContainText('Task', { timeout: 20_000 });
    await app.keyboard.press('Escape');
    const summary = prompter.getByTestId('teleprompter-summary');
    await expect(summary.getByRole('row', { name: /Situation/ })).toContainText('Scroll pace');
    await expect(summary.getByRole('row', { name: /Total/ })).toContainText('Partly scroll pace');
    await expect(summary.getByTestId('scroll-timed')).toContainText('Partly timed by the scroll');
    await expect(summary.getByTestId('take-saved')).toContainText('Saved', { timeout: 15_000 });
    await prompter.getByRole('button', { name: 'Done' }).click();
    await expect(prompter).toHaveCount(0);
    // The committed take says so too: its list marks it.
    const editor = app.getByTestId('story-editor');
    await editor.getByRole('button', { name: 'Rehearsals' }).click();
    await expect(editor.getByTestId('take-scroll-timed')).toHaveText('Partly scroll pace');
  });

  test('R, once confirmed, opens the teleprompter on the open story', async ({ app }) => {
    await app.getByRole('button', { name: TITLE }).click();
    await expect(app.getByTestId('story-editor')).toBeVisible();
    await app.getByTestId('story-editor').getByRole('button', { name: 'Rehearse' }).focus();
    await app.keyboard.press('r');
    await expect(app.getByRole('dialog', { name: 'Rehearse', exact: true })).toHaveCount(0);
    await app.getByTestId('shortcut-confirm').getByRole('button', { name: 'Start rehearsal' }).click();
    const prompter = app.getByRole('dialog', { name: 'Rehearse' });
    await expect(prompter).toBeVisible();
    await expect(prompter).toContainText(TITLE);
    await prompter.getByRole('button', { name: 'Exit' }).click();
    await expect(prompter).toHaveCount(0);
  });
});
