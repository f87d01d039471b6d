import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, startHost, stopHost, test, type HostProcess } from './fixtures';

const TITLE = 'Caching verified certificate chains';
const FILE = join('stories', '05-caching-verified-certificate-chains.md');

async function kill(host: HostProcess): Promise<void> {
  const exited = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGKILL');
  await exited;
}

test.describe('the page outlives its host', () => {
  test('edits typed while the host is down are shown unsaved, kept, and written once it is back', async ({
    vault,
    playwright,
    launchOptions,
  }, info) => {
    info.skip(info.project.name !== 'web', 'kills the browser host process; the Electron app has no separate host');
    // The same token for both runs, so the cookie the page holds is still good after the restart.
    const env = { STORY_BANK_TOKEN: randomBytes(32).toString('base64url') };
    const first = await startHost(vault, env);
    const port = Number(new URL(first.url).port);
    const browser = await playwright.chromium.launch(launchOptions);
    const page = await browser.newPage();
    await page.goto(first.url);
    await page.getByRole('button', { name: TITLE }).click();
    const result = page.getByTestId('story-editor').getByLabel('Result');
    const saveStatus = page.getByTestId('save-status');
    const connection = page.getByTestId('connection-status');
    const gitStatus = page.getByTestId('git-status');

    await result.press('End');
    await result.pressSequentially(' Before.', { delay: 5 });
    await expect(saveStatus).toHaveText('Saved', { timeout: 5_000 });
    await expect(connection).toHaveText('Live');

    await kill(first);
    await expect(connection).toHaveText('Reconnecting…');
    await result.pressSequentially(' During the outage.', { delay: 5 });
    // The autosave has gone out and is waiting for the host: nothing claims it is saved.
    await expect(saveStatus).toHaveText('Saving…', { timeout: 5_000 });
    await expect(gitStatus).toHaveText('Edits not saved yet');
    expect(await readFile(join(vault, FILE), 'utf8')).not.toContain('During the outage.');

    // Leaving now would lose the edits: the browser asks first (dismissed, the page stays).
    const asked = page.waitForEvent('dialog').then(async (dialog) => {
      const type = dialog.type();
      await dialog.dismiss();
      return type;
    });
    await page.evaluate('location.reload()');
    expect(await asked).toBe('beforeunload');
    await expect(result).toHaveValue(/During the outage\.$/);

    const second = await startHost(vault, env, port);
    try {
      await expect(connection).toHaveText('Live', { timeout: 10_000 });
      // The save made during the outage was answered by the new host, with no keystroke since.
      await expect(saveStatus).toHaveText('Saved', { timeout: 10_000 });
      let text = await readFile(join(vault, FILE), 'utf8');
      expect(text).toContain('Before. During the outage.');

      await result.pressSequentially(' After.', { delay: 5 });
      await expect(saveStatus).toHaveText('Saved', { timeout: 5_000 });
      await expect(gitStatus).not.toHaveText('Edits not saved yet');
      text = await readFile(join(vault, FILE), 'utf8');
      expect(text).toContain('Before. During the outage. After.');
    } finally {
      await browser.close();
      await stopHost(second);
    }
  });

  test('a host restarted with a new random token: the page says so, and reconnects once its address is opened', async ({
    vault,
    playwright,
    launchOptions,
  }, info) => {
    info.skip(info.project.name !== 'web', 'kills the browser host process; the Electron app has no separate host');
    const first = await startHost(vault);
    const port = Number(new URL(first.url).port);
    const browser = await playwright.chromium.launch(launchOptions);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(first.url);
    await page.getByRole('button', { name: TITLE }).click();
    const result = page.getByTestId('story-editor').getByLabel('Result');
    await result.press('End');
    await result.pressSequentially(' Before.', { delay: 5 });
    await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });

    await kill(first);
    await expect(page.getByTestId('connection-status')).toHaveText('Reconnecting…');
    await result.pressSequentially(' Typed in the old tab.', { delay: 5 });
    const second = await startHost(vault, {}, port);
    try {
      expect(second.token).not.toBe(first.token);
      await expect(page.getByTestId('token-notice')).toBeVisible({ timeout: 10_000 });
      await expect(page.getByTestId('connection-status')).toHaveText('Reconnecting…');

      // The new address, in another tab of the same browser, replaces the cookie.
      const other = await context.newPage();
      await other.goto(second.url);
      await expect(page.getByTestId('connection-status')).toHaveText('Live', { timeout: 10_000 });
      await expect(page.getByTestId('token-notice')).toHaveCount(0);
      await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 10_000 });
      expect(await readFile(join(vault, FILE), 'utf8')).toContain('Before. Typed in the old tab.');
    } finally {
      await browser.close();
      await stopHost(second);
    }
  });
});
