// 7. Memory: the browser host's resident set (RSS, from /proc) and the page's JS heap (after a
// forced garbage collection, through the DevTools protocol) with 1,000 stories loaded, then after
// each of ten rehearsal takes of 10 s through the teleprompter's UI (recording where the build
// records). Budget: no more than 5 MB of growth from the first take to the tenth, in either
// process, judged on the least-squares slope over all ten readings (times nine steps), not on
// the first and last alone, which one late or early collection can move by more than the budget.
// Floors: the RSS of a Node process serving a static page, and the JS heap of that page.
//
// The host's RSS is read after a garbage collection in the host too (through its inspector, on
// loopback), as the page's heap is: without one, RSS says when V8 last collected rather than
// what the host holds (the same build measured -26.5, +6.3 and +9.4 MB over ten takes). One
// warm-up take, not counted, first: the first take loads the webm module and compiles its code.
// The growth without a collection is still shown, for context.
import { readFile } from 'node:fs/promises';
import { makeRow, slope } from '../lib/stats.js';
import { hostInspector, launchChromium, newPage, startHost, startTrivialServer, waitForCards } from '../lib/host.js';
import { finishTake, modeText, startTake } from '../lib/rehearse.js';

const MB = 1024 * 1024;
/** The budget's span: growth from take 1 to take 10 is nine steps of the fitted slope. */
const BUDGET_STEPS = 9;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function rssMB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kB) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kB[1]) / 1024;
}

async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / MB;
}

export default async function memory({ vaults, quick, log }) {
  const takes = quick ? 4 : 10;
  const takeSeconds = quick ? 3 : 10;
  const vault = await vaults.fresh(1000);
  const rss = [];
  const rssCollected = [];
  const hostHeap = [];
  const heap = [];
  let loaded;
  let floor;
  let mode;
  let unconfirmed = 0;
  const browser = await launchChromium({ fakeMedia: true });
  try {
    const trivial = await startTrivialServer();
    try {
      const page = await newPage(browser);
      await page.goto(trivial.url);
      await sleep(500);
      floor = { rss: await rssMB(trivial.child.pid), heap: await heapMB(page) };
      await page.close();
    } finally {
      await trivial.stop();
    }

    const host = await startHost(vault, { inspect: true });
    const inspector = await hostInspector(host);
    try {
      const page = await newPage(browser);
      await page.goto(host.url);
      await waitForCards(page, 1000);
      await sleep(1000);
      loaded = { rss: await rssMB(host.child.pid), heap: await heapMB(page) };
      await page.locator('[data-testid="story-card"]').first().getByRole('button').first().click();
      await page.getByTestId('story-editor').waitFor();
      for (let i = 0; i <= takes; i += 1) {
        const take = await startTake(page);
        mode = take.mode;
        await sleep(takeSeconds * 1000);
        const confirmed = await finishTake(page, take);
        await sleep(300);
        if (i === 0) continue; // the warm-up
        if (!confirmed) unconfirmed += 1;
        rss.push(await rssMB(host.child.pid));
        await inspector.collectGarbage();
        rssCollected.push(await rssMB(host.child.pid));
        hostHeap.push(await inspector.heapMB());
        heap.push(await heapMB(page));
      }
    } finally {
      inspector.close();
      await host.stop();
    }
  } finally {
    await browser.close();
  }
  const list = (series, digits) => series.map((v) => v.toFixed(digits)).join(' ');
  log(
    `after each take, ${modeText(mode)}: host RSS ${list(rss, 0)} MB; after a collection ${list(rssCollected, 0)} MB`,
  );
  log(`host JS heap ${list(hostHeap, 1)} MB; page JS heap ${list(heap, 1)} MB`);
  // Growth from take 1 to take 10 as the fitted line has it (in a --quick run too, from fewer takes).
  const growth = (series) => slope(series) * BUDGET_STEPS;
  const span = `slope over ${takes} takes of ${takeSeconds} s × ${BUDGET_STEPS}`;
  const perTake = (series) =>
    `${slope(series).toFixed(3)} MB a take; first to last ${(series[series.length - 1] - series[0]).toFixed(2)} MB`;
  return [
    makeRow({ name: 'host RSS, 1,000 stories loaded', unit: 'MB', value: loaded.rss, floorSamples: [floor.rss] }),
    makeRow({
      name: 'page JS heap, 1,000 stories loaded',
      unit: 'MB',
      value: loaded.heap,
      floorSamples: [floor.heap],
      budget: { on: 'value', op: '<=', limit: 16 },
    }),
    makeRow({
      name: `host RSS growth, take 1 → 10 (${span})`,
      unit: 'MB',
      value: growth(rssCollected),
      budget: { on: 'value', op: '<=', limit: 5 },
      note: `after a collection; ${perTake(rssCollected)}; ${modeText(mode)}${unconfirmed ? `; ${unconfirmed} of ${takes} takes closed without showing "Saved"` : ''}`,
    }),
    makeRow({
      name: 'host RSS growth, take 1 → 10, no collection',
      unit: 'MB',
      value: growth(rss),
      note: perTake(rss),
    }),
    makeRow({ name: 'host JS heap growth, take 1 → 10', unit: 'MB', value: growth(hostHeap), note: perTake(hostHeap) }),
    makeRow({
      name: `page JS heap growth, take 1 → 10 (${span})`,
      unit: 'MB',
      value: growth(heap),
      budget: { on: 'value', op: '<=', limit: 5 },
      note: perTake(heap),
    }),
  ];
}
