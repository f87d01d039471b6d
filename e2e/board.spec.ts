import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const NEW_STORY = `---
id: cache-stampede
title: Taming a cache stampede
competency: performance
weeks: [12]
metric: p99 latency from 900 ms to 120 ms
tradeoff:
  chosen: request coalescing
  alternatives: [longer TTLs, a second cache tier]
  because: it fixed the cause without new infrastructure
  accepting: that the first caller waits for everyone
questionTypes: [Tell me about a performance problem you solved]
keyPhrases: [single flight]
---

## Situation

A cold cache sent every request to the database at once.

## Task

Stop the stampede.

## Action

I coalesced identical requests.

## Result

p99 fell from 900 ms to 120 ms.
`;

test.describe('the board', () => {
  test('shows the eight sample stories, one under each competency', async ({ app }) => {
    const cards = app.getByTestId('story-card');
    await expect(cards).toHaveCount(8);
    for (const column of await app.locator('section[data-competency]').all()) {
      await expect(column.getByTestId('story-card')).toHaveCount(1);
    }
    await expect(app.getByTestId('story-count')).toHaveText('8 of 8 stories');
  });

  test('a story file written by another program appears within 2 s', async ({ app, vault }) => {
    await expect(app.getByTestId('story-card')).toHaveCount(8);
    await writeFile(join(vault, 'stories', 'taming-a-cache-stampede.md'), NEW_STORY);
    const column = app.locator('section[data-competency="performance"]');
    await expect(column.getByRole('heading', { name: 'Taming a cache stampede' })).toBeVisible({ timeout: 2_000 });
    await expect(column.getByTestId('story-card')).toHaveCount(2);
    await expect(column.getByText(/stories here/)).toBeVisible();
  });

  test('a deleted story file disappears', async ({ app, vault }) => {
    const [first] = (await readdir(join(vault, 'stories'))).sort();
    const text = await readFile(join(vault, 'stories', first), 'utf8');
    const title = /^title: (.*)$/m.exec(text)?.[1] ?? '';
    await expect(app.getByRole('heading', { name: title })).toBeVisible();
    await unlink(join(vault, 'stories', first));
    await expect(app.getByRole('heading', { name: title })).toHaveCount(0, { timeout: 2_000 });
    await expect(app.getByTestId('story-card')).toHaveCount(7);
  });

  test('a renamed story file keeps its card, now under the new name', async ({ app, vault }) => {
    const [first] = (await readdir(join(vault, 'stories'))).sort();
    const id = /^id: (.*)$/m.exec(await readFile(join(vault, 'stories', first), 'utf8'))?.[1] ?? '';
    const card = app.locator(`[data-story-id="${id}"]`);
    await expect(card).toHaveAttribute('data-file', `stories/${first}`);
    await rename(join(vault, 'stories', first), join(vault, 'stories', 'renamed-by-hand.md'));
    await expect(card).toHaveAttribute('data-file', 'stories/renamed-by-hand.md', { timeout: 2_000 });
    await expect(app.getByTestId('story-card')).toHaveCount(8);
  });

  test('a story moved to another competency in an editor moves column', async ({ app, vault }) => {
    const files = (await readdir(join(vault, 'stories'))).sort();
    const path = join(vault, 'stories', files[0]);
    const text = await readFile(path, 'utf8');
    const id = /^id: (.*)$/m.exec(text)?.[1] ?? '';
    await writeFile(path, text.replace(/^competency: .*$/m, 'competency: collaboration'));
    await expect(app.locator(`section[data-competency="collaboration"] [data-story-id="${id}"]`)).toBeVisible({
      timeout: 2_000,
    });
  });

  test('a broken file is listed as needing attention and left untouched', async ({ app, vault }) => {
    await expect(app.getByTestId('story-card')).toHaveCount(8);
    const broken = NEW_STORY.replace('id: cache-stampede', 'id: broken').replace(/^metric: .*$/m, 'metric: [1, 2]');
    await writeFile(join(vault, 'stories', 'broken.md'), broken);
    const panel = app.getByTestId('needs-attention');
    await expect(panel).toContainText('stories/broken.md:6 metric: expected text, got a list', { timeout: 2_000 });
    await expect(app.getByTestId('story-card')).toHaveCount(8);
    expect(await readFile(join(vault, 'stories', 'broken.md'), 'utf8')).toBe(broken);
  });
});
