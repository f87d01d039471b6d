import { appMounted, expect, test } from './fixtures';

test('at 900 px the checklist shown over the board closes on Esc and on a click beside it', async ({ app }) => {
  await app.setViewportSize({ width: 900, height: 700 });
  const checklist = app.getByTestId('checklist');
  const toggle = app.getByTestId('checklist-toggle');
  await expect(checklist).toBeHidden();

  await toggle.click();
  await expect(checklist).toBeVisible();
  // A click inside it keeps it open: its links and items are what it is shown for.
  await checklist.getByRole('heading').first().click();
  await expect(checklist).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(checklist).toBeHidden();
  // Focus goes back to the button that opened it, not to the page (where letters are shortcuts).
  await expect(toggle).toBeFocused();

  await toggle.click();
  await expect(checklist).toBeVisible();
  await app.getByRole('banner').click({ position: { x: 5, y: 5 } });
  await expect(checklist).toBeHidden();
});

test('a browser that keeps no site data still opens the app; the checklist toggles, unremembered', async ({ app }) => {
  // As Chromium does when it is set to block site data: any use of localStorage throws.
  await app.addInitScript(() => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window'", 'SecurityError');
      },
    });
  });
  await app.reload();
  await appMounted(app);
  await expect(app.getByTestId('story-card')).toHaveCount(8);
  const checklist = app.getByTestId('checklist');
  await expect(checklist).toBeVisible();
  await app.getByTestId('checklist-toggle').click();
  await expect(checklist).toBeHidden();
  await app.getByTestId('checklist-toggle').click();
  await expect(checklist).toBeVisible();
});
