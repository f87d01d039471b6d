// One rehearsal take through the teleprompter's own UI: Rehearse on the open story, the setup
// step's Start (where the build has one), the 3-2-1,
// recording when this build records (the mode it offers first, camera and microphone), `during`
// while the text scrolls, then Esc to end the take and Done to leave.

/** The open editor's Rehearse. Returns whether this build records, and in which mode. */
export async function startTake(page) {
  await page.getByTestId('rehearse-button').click();
  const prompter = page.getByRole('dialog', { name: 'Rehearse' });
  await prompter.waitFor();
  // Builds with the setup step choose the mode there and wait for Start (it is enabled once the
  // devices are open); older builds chose it in the toolbar and counted down at once.
  const setup = prompter.getByTestId('rehearsal-setup');
  const select = prompter.getByTestId('recording-mode');
  let mode = null;
  if ((await setup.count()) > 0) {
    mode = await setup.getByRole('radio', { checked: true }).getAttribute('value');
    await setup.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 30_000 });
  } else if ((await select.count()) > 0) {
    mode = await select.inputValue();
  }
  await prompter.getByTestId('teleprompter-countdown').waitFor({ state: 'detached', timeout: 30_000 });
  if (mode && mode !== 'no-recording') {
    await prompter.getByTestId('recording-status').getByText('Recording').waitFor({ timeout: 30_000 });
  }
  return { prompter, mode };
}

/**
 * Esc ends the take; waits for its summary (and, when recording, "Saved"), then Done. Returns
 * false when the teleprompter closed without confirming the save, so the caller can say so.
 */
export async function finishTake(page, { prompter, mode }) {
  await page.keyboard.press('Escape');
  const recording = mode && mode !== 'no-recording';
  const done = recording
    ? prompter.getByTestId('take-saved').getByText(/Saved/).first()
    : prompter.getByTestId('teleprompter-summary');
  const outcome = await Promise.race([
    done.waitFor({ timeout: 60_000 }).then(() => 'shown'),
    prompter.waitFor({ state: 'detached', timeout: 60_000 }).then(() => 'closed'),
  ]).catch(async (error) => {
    const shown = await prompter.innerText().catch(() => '(nothing)');
    throw new Error(`the take did not end within 60 s; the teleprompter shows:\n${shown}\n${error.message}`);
  });
  if (outcome === 'closed') return false;
  await prompter.getByRole('button', { name: 'Done' }).click();
  await prompter.waitFor({ state: 'detached', timeout: 30_000 });
  return true;
}

/** Words for the report: what a take recorded in this build. */
export function modeText(mode) {
  if (mode === null) return 'no recording (this build has no recording in the teleprompter)';
  return mode === 'no-recording' ? 'no recording (chosen)' : `recording ${mode}`;
}
