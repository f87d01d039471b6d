// 2. Outside edit → on screen: the bench writes a story file, as another editor would, and the page
// (the real renderer in Chromium, through the browser host) notes when the new text is in its DOM
// and when the frame showing it has been painted; "on screen" is the painted frame. 50 edits, one
// at a time. Floor, interleaved edit by edit in the same run and the same browser: a bare fs.watch
// in a Node process of its own that reads the file and sends its text over a WebSocket to a page
// of one element (lib/watchServer.js), timed the same way: what showing an outside edit costs
// with nothing of Story Bank in it.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeRow } from '../lib/stats.js';
import { clockOffset, launchChromium, newPage, nowMs, startHost, startWatchServer, waitForCards } from '../lib/host.js';
import { installTextWatch } from '../lib/pageProbes.js';

const FILE = join('stories', '05-caching-verified-certificate-chains.md');
const TITLE = 'title: Caching verified certificate chains';
/** Time between edits, longer than the vault's batching and same-tick re-read windows. */
const SETTLE_MS = 150;
/** The first edits of each warm up (code compiled, caches filled) and are not counted. */
const WARMUP = 3;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `text` to `path` and resolves with when the page had it in its DOM and painted, on our clock. */
async function timeEdit(target, marker, text) {
  const { page, path, offset } = target;
  await page.evaluate((m) => window.__watchFor(m), marker);
  const start = nowMs();
  await writeFile(path, text);
  await page.waitForFunction((m) => window.__shown[m] !== undefined, marker, { timeout: 10_000, polling: 'raf' });
  const { seen, shown } = await page.evaluate((m) => ({ seen: window.__seen[m], shown: window.__shown[m] }), marker);
  return { dom: seen - offset - start, painted: shown - offset - start };
}

async function openProbedPage(browser, url) {
  const page = await newPage(browser);
  await page.addInitScript(installTextWatch);
  await page.goto(url);
  return page;
}

export default async function edit({ vaults, temp, quick, log }) {
  const edits = quick ? 15 : 50;
  const vault = await vaults.fresh(8);
  const path = join(vault, FILE);
  const original = await readFile(path, 'utf8');
  if (!original.includes(TITLE)) throw new Error(`${FILE} has no line "${TITLE}"`);
  const withMarker = (marker) => original.replace(TITLE, `${TITLE} ${marker}`);
  // The floor's file: the same story, outside the vault.
  const floorPath = join(temp, 'edit-floor', FILE);
  await mkdir(dirname(floorPath), { recursive: true });
  await cp(path, floorPath);

  const host = await startHost(vault);
  const floorServer = await startWatchServer(floorPath);
  const browser = await launchChromium();
  const app = [];
  const floor = [];
  try {
    const appPage = await openProbedPage(browser, host.url);
    await waitForCards(appPage, 8);
    const floorPage = await openProbedPage(browser, floorServer.url);
    await floorPage.waitForSelector('body[data-connected]', { state: 'attached' });
    const appTarget = { page: appPage, path, offset: await clockOffset(appPage) };
    const floorTarget = { page: floorPage, path: floorPath, offset: await clockOffset(floorPage) };
    log(
      `page clocks ahead of ours by ${appTarget.offset.toFixed(2)} / ${floorTarget.offset.toFixed(2)} ms (corrected)`,
    );
    for (let i = 0; i < edits + WARMUP; i += 1) {
      const marker = `edit${String(i).padStart(3, '0')}x`;
      const appTimes = await timeEdit(appTarget, marker, withMarker(marker));
      await sleep(SETTLE_MS);
      const floorTimes = await timeEdit(floorTarget, marker, withMarker(marker));
      await sleep(SETTLE_MS);
      if (i >= WARMUP) {
        app.push(appTimes);
        floor.push(floorTimes);
      }
    }
  } finally {
    await browser.close();
    await floorServer.stop();
    await host.stop();
  }
  return [
    makeRow({
      name: `outside edit → on screen, painted (${edits} edits)`,
      samples: app.map((t) => t.painted),
      floorSamples: floor.map((t) => t.painted),
      budget: { on: 'p95', op: '<', limit: 100 },
      note: 'floor: fs.watch → read → WebSocket → one-element page, painted; interleaved edit by edit',
    }),
    makeRow({
      name: 'outside edit → in the DOM',
      samples: app.map((t) => t.dom),
      floorSamples: floor.map((t) => t.dom),
      note: 'context only: the text in the DOM, before the frame that paints it',
    }),
  ];
}
