import { seriousViolations } from './axe';
import { expect, test } from './fixtures';

test.describe('accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`board, checklist, editor and dialogs have no serious or critical violations (${scheme})`, async ({ app }) => {
      await app.emulateMedia({ colorScheme: scheme });
      await expect(app.getByTestId('story-card')).toHaveCount(8);
      expect(await seriousViolations(app)).toEqual([]);

      await app.getByRole('button', { name: 'Caching verified certificate chains' }).click();
      await expect(app.getByTestId('story-editor')).toBeVisible();
      expect(await seriousViolations(app)).toEqual([]);

      await app.getByRole('button', { name: 'Export', exact: true }).click();
      await expect(app.getByTestId('check-result')).toBeVisible();
      expect(await seriousViolations(app, '[data-testid="export-dialog"]')).toEqual([]);
      await app.keyboard.press('Escape');

      await app.keyboard.press('?');
      await expect(app.getByTestId('shortcuts-dialog')).toBeVisible();
      expect(await seriousViolations(app, '[data-testid="shortcuts-dialog"]')).toEqual([]);
    });
  }
});
