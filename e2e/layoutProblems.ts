import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { APP_ROOT } from './fixtures';

/** The text of the in-page check: see browser/layoutProblems.js. */
const LAYOUT_PROBLEMS = readFileSync(join(APP_ROOT, 'e2e', 'browser', 'layoutProblems.js'), 'utf8');

/**
 * What does not fit in `regions` of the page, as "element: what" lines (browser/layoutProblems.js):
 * text wider than its box or panel, boxes past the viewport, words broken across lines.
 */
export function layoutProblems(page: Page, regions: string[]): Promise<string[]> {
  return page.evaluate(`${LAYOUT_PROBLEMS}\nlayoutProblems(${JSON.stringify(regions)})`);
}
