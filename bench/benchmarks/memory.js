// 7. Memory: the browser host's resident set (RSS, from /proc) and the page's JS heap (after a
// forced garbage collection, through the DevTools protocol) with 1,000 stories loaded, then after
// each of ten rehearsal takes through the teleprompter's UI (recording where the build records).
// Budget: no more than 5 MB of growth from the first take to the tenth, in either process.
// Floors: the RSS of a Node process serving a static page, and the JS heap of that page.
import { readFile } from 'node:fs/promises';
import { makeRow } from '../lib/stats.js';
import { launchChromium, newPage, startHost, startTrivialServer, waitForCards } from '../lib/host.js';
import { finishTake, modeText, startTake } from '../lib/rehearse.js';

const MB = 1024 * 1024;
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
  const takeSeconds = quick ? 1 : 2;
  const vault = await vaults.fresh(1000);
  const rss = [];
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

    const host = await startHost(vault);
    try {
      const page = await newPage(browser);
      await page.goto(host.url);
      await waitForCards(page, 1000);
      await sleep(1000);
      loaded = { rss: await rssMB(host.child.pid), heap: await heapMB(page) };
      await page.locator('[data-testid="story-card"]').first().getByRole('button').first().click();
      await page.getByTestId('story-editor').waitFor();
      for (let i = 0; i < takes; i += 1) {
        const take = await startTake(page);
        mode = take.mode;
        await sleep(takeSeconds * 1000);
        if (!(await finishTake(page, take))) unconfirmed += 1;
        await sleep(300);
        rss.push(await rssMB(host.child.pid));
        heap.push(await heapMB(page));
      }
    } finally {
      await host.stop();
    }
  } finally {
    await browser.close();
  }
  log(`after each take, ${modeText(mode)}: RSS ${rss.map((v) => v.toFixed(0)).join(' ')} MB`);
  log(`JS heap ${heap.map((v) => v.toFixed(1)).join(' ')} MB`);
  const growth = (series) => series[series.length - 1] - series[0];
  return [
    makeRow({ name: 'host RSS, 1,000 stories loaded', unit: 'MB', value: loaded.rss, floorSamples: [floor.rss] }),
    makeRow({ name: 'page JS heap, 1,000 stories loaded', unit: 'MB', value: loaded.heap, floorSamples: [floor.heap] }),
    makeRow({
      name: `host RSS growth, take 1 → ${takes}`,
      unit: 'MB',
      value: growth(rss),
      budget: { on: 'value', op: '<=', limit: 5 },
      note: `${modeText(mode)}${unconfirmed ? `; ${unconfirmed} of ${takes} takes closed without showing "Saved"` : ''}`,
    }),
    makeRow({
      name: `page JS heap growth, take 1 → ${takes}`,
      unit: 'MB',
      value: growth(heap),
      budget: { on: 'value', op: '<=', limit: 5 },
    }),
  ];
}
