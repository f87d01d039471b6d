// 2. Outside edit → visible: the bench writes a story file, as another editor would, and the page
// (the real renderer in Chromium, through the browser host) notes when the new text is in its DOM.
// 50 edits, one at a time. Floor: how long the kernel takes to tell a raw fs.watch on the same
// file about the same kind of write, the part no watcher can avoid.
import { watch } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRow } from '../lib/stats.js';
import { clockOffset, launchChromium, newPage, nowMs, startHost, waitForCards } from '../lib/host.js';
import { installTextWatch } from '../lib/pageProbes.js';

const FILE = join('stories', '05-caching-verified-certificate-chains.md');
const TITLE = 'title: Caching verified certificate chains';
/** Time between edits, longer than the vault's batching and same-tick re-read windows. */
const SETTLE_MS = 150;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function edit({ vaults, quick, log }) {
  const edits = quick ? 15 : 50;
  const vault = await vaults.fresh(8);
  const path = join(vault, FILE);
  const original = await readFile(path, 'utf8');
  if (!original.includes(TITLE)) throw new Error(`${FILE} has no line "${TITLE}"`);
  const withMarker = (marker) => original.replace(TITLE, `${TITLE} ${marker}`);

  const host = await startHost(vault);
  const browser = await launchChromium();
  const visible = [];
  try {
    const page = await newPage(browser);
    await page.addInitScript(installTextWatch);
    await page.goto(host.url);
    await waitForCards(page, 8);
    const offset = await clockOffset(page);
    log(`page clock ${offset >= 0 ? 'ahead of' : 'behind'} ours by ${Math.abs(offset).toFixed(2)} ms (corrected)`);
    for (let i = 0; i < edits + 3; i += 1) {
      const marker = `edit${String(i).padStart(3, '0')}x`;
      await page.evaluate((m) => window.__watchFor(m), marker);
      const start = nowMs();
      await writeFile(path, withMarker(marker));
      await page.waitForFunction((m) => window.__seen[m] !== undefined, marker, { timeout: 10_000, polling: 'raf' });
      const seen = await page.evaluate((m) => window.__seen[m], marker);
      if (i >= 3) visible.push(seen - offset - start); // the first three warm up
      await sleep(SETTLE_MS);
    }
  } finally {
    await browser.close();
    await host.stop();
  }

  // The floor, on the same file with the app closed: the same write, seen by a bare fs.watch.
  const floor = [];
  for (let i = 0; i < edits + 3; i += 1) {
    const seen = new Promise((resolve) => {
      const watcher = watch(path, () => {
        watcher.close();
        resolve(nowMs());
      });
    });
    const start = nowMs();
    await writeFile(path, withMarker(`floor${i}`));
    const at = await seen;
    if (i >= 3) floor.push(at - start);
    await sleep(20);
  }
  return [
    makeRow({
      name: `outside edit → on screen (${edits} edits)`,
      samples: visible,
      floorSamples: floor,
      budget: { on: 'p95', op: '<', limit: 100 },
    }),
  ];
}
