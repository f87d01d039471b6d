// One rehearsal take through the teleprompter's own UI: Rehearse on the open story, the 3-2-1,
// recording when this build records (the mode it offers first, camera and microphone), `during`
// while the text scrolls, then Esc to end the take and Done to leave.

/** The open editor's Rehearse. Returns whether this build records, and in which mode. */
export async function startTake(page) {
  await page.getByTestId('rehearse-button').click();
  const prompter = page.getByRole('dialog', { name: 'Rehearse' });
  await prompter.waitFor();
  const select = prompter.getByTestId('recording-mode');
  const mode = (await select.count()) > 0 ? await select.inputValue() : null;
  await prompter.getByTestId('teleprompter-countdown').waitFor({ state: 'detached', timeout: 30_000 });
  if (mode && mode !== 'no-recording') {
    await prompter.getByTestId('recording-status').getByText('Recording').waitFor({ timeout: 30_000 });
  }
  return { prompter, mode };
}

export async function finishTake(page, { prompter, mode }) {
  await page.keyboard.press('Escape');
  if (mode && mode !== 'no-recording') {
    const saved = prompter.getByTestId('take-saved');
    await saved
      .getByText(/Saved/)
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error) => {
        const shown = await prompter.innerText().catch(() => '(the teleprompter is gone)');
        throw new Error(`the take was not saved within 60 s; the teleprompter shows:\n${shown}\n${error.message}`);
      });
  } else {
    await prompter.getByTestId('teleprompter-summary').waitFor({ timeout: 30_000 });
  }
  await prompter.getByRole('button', { name: 'Done' }).click();
  await prompter.waitFor({ state: 'detached', timeout: 30_000 });
}

/** Words for the report: what a take recorded in this build. */
export function modeText(mode) {
  if (mode === null) return 'no recording (this build has no recording in the teleprompter)';
  return mode === 'no-recording' ? 'no recording (chosen)' : `recording ${mode}`;
}
