import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, startHost, test } from './fixtures';

test.describe('nothing shown as saved is lost', () => {
  test('type, kill the host process, restart: every character shown as saved is on disk and on screen', async ({
    vault,
    playwright,
    launchOptions,
  }, info) => {
    info.skip(info.project.name !== 'web', 'kills the browser host process; the Electron app has no separate host');
    const browser = await playwright.chromium.launch(launchOptions);
    const first = await startHost(vault);
    const page = await browser.newPage();
    await page.goto(first.url);
    await page.getByRole('button', { name: 'Caching verified certificate chains' }).click();
    const editor = page.getByTestId('story-editor');
    const result = editor.getByLabel('Result');
    const typed = ' Typed just before the crash: ünïcödé, “quotes”, 3 < 4 & 5 > 2.';
    await result.press('End');
    await result.pressSequentially(typed, { delay: 5 });
    await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 5_000 });

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const file = join(vault, 'stories', '05-caching-verified-certificate-chains.md');
    expect(await readFile(file, 'utf8')).toContain(typed.trim());

    const second = await startHost(vault);
    await page.goto(second.url);
    await expect(page.getByTestId('story-editor').getByLabel('Result')).toHaveValue(
      new RegExp(`${typed.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    await browser.close();
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });
});
