// 6. Teleprompter: 60 s of paced scrolling in one take, recording from Chromium's fake camera and
// microphone where the build records. In the page: the interval between animation frames
// (requestAnimationFrame) and every long task (PerformanceObserver 'longtask', work of 50 ms or
// more on the main thread). Floor: the same rAF loop and observer for 10 s on an empty page in the
// same browser: what this machine's Chromium does with nothing to draw.
//
// Before either is measured, the probe proves it can see a long task: the page blocks its main
// thread for SYNTHETIC_MS and the observer must report it, or the benchmark fails instead of
// reporting "no long task" from a probe that sees nothing. That task is then forgotten.
import { makeRow } from '../lib/stats.js';
import { launchChromium, newPage, startHost, waitForCards } from '../lib/host.js';
import { finishTake, modeText, startTake } from '../lib/rehearse.js';

const STORY = 'Setting an SLO for binary verification';
const SLOW_FRAME_MS = 20;
/** The synthetic long task: well over the 50 ms a long task needs, so a loaded machine still shows it. */
const SYNTHETIC_MS = 120;

/** In the page: starts noting frame times and long tasks. */
function startFrameProbe() {
  const probe = { frames: [], longTasks: [], running: true };
  window.__frameProbe = probe;
  const frame = (time) => {
    probe.frames.push(time);
    if (probe.running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  probe.observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  });
  probe.observer.observe({ type: 'longtask' });
}

/**
 * In the page: blocks the main thread for `ms` in a task of the page's own (a timer), a long task
 * the probe must see. Run directly from page.evaluate, the same loop is not reported: the DevTools
 * protocol's evaluation is not a task of the page's event loop.
 */
function blockMainThread(ms) {
  setTimeout(() => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  }, 0);
}

/** In the page: forgets what the probe noted so far (the synthetic task and its slow frame). */
function resetFrameProbe() {
  window.__frameProbe.frames = [];
  window.__frameProbe.longTasks = [];
}

/**
 * Proves the running probe sees long tasks: one synthetic task of SYNTHETIC_MS must be reported
 * (entries come after the task, so it waits up to 5 s), then the probe starts afresh.
 */
async function proveProbeSeesLongTasks(page, label) {
  await page.evaluate(blockMainThread, SYNTHETIC_MS);
  const seen = await page
    .waitForFunction((ms) => window.__frameProbe.longTasks.some((d) => d >= ms - 5), SYNTHETIC_MS, { timeout: 5000 })
    .then(
      () => true,
      () => false,
    );
  if (!seen) {
    throw new Error(
      `the long-task probe on ${label} did not report a synthetic ${SYNTHETIC_MS} ms task, so it cannot report that there were none`,
    );
  }
  await sleep(200); // the frame the task delayed, noted before the reset
  await page.evaluate(resetFrameProbe);
}

/** In the page: stops, and hands back the frame intervals and the long tasks' lengths. */
function stopFrameProbe() {
  const probe = window.__frameProbe;
  probe.running = false;
  probe.observer.disconnect();
  const intervals = probe.frames.slice(1).map((time, i) => time - probe.frames[i]);
  return { intervals, longTasks: probe.longTasks };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function figures(sample) {
  const slow = sample.intervals.filter((ms) => ms > SLOW_FRAME_MS).length;
  return {
    slowPercent: (100 * slow) / Math.max(1, sample.intervals.length),
    longest: Math.max(0, ...sample.longTasks),
  };
}

export default async function teleprompter({ vaults, quick, log }) {
  const seconds = quick ? 15 : 60;
  const floorSeconds = quick ? 5 : 10;
  const vault = await vaults.fresh(8);
  const host = await startHost(vault);
  const browser = await launchChromium({ fakeMedia: true });
  let take;
  let floor;
  let mode;
  try {
    const page = await newPage(browser);
    await page.goto(host.url);
    await waitForCards(page, 8);
    await page.getByRole('button', { name: STORY }).click();
    const started = await startTake(page);
    mode = started.mode;
    await page.evaluate(startFrameProbe);
    await proveProbeSeesLongTasks(page, 'the teleprompter');
    await sleep(seconds * 1000);
    take = await page.evaluate(stopFrameProbe);
    await finishTake(page, started);

    const empty = await newPage(browser);
    await empty.setContent('<!doctype html><meta charset="utf-8"><p>floor</p>');
    await empty.evaluate(startFrameProbe);
    await proveProbeSeesLongTasks(empty, 'the empty page');
    await sleep(floorSeconds * 1000);
    floor = await empty.evaluate(stopFrameProbe);
  } finally {
    await browser.close();
    await host.stop();
  }
  const app = figures(take);
  const base = figures(floor);
  log(
    `${take.intervals.length} frames in ${seconds} s, ${modeText(mode)}; ` +
      `${take.longTasks.length} long tasks (floor: ${floor.longTasks.length})`,
  );
  const note = `${seconds} s paced, ${modeText(mode)}`;
  return [
    makeRow({
      name: `teleprompter frame interval (${seconds} s)`,
      samples: take.intervals,
      floorSamples: floor.intervals,
      note,
    }),
    makeRow({
      name: `teleprompter frames over ${SLOW_FRAME_MS} ms`,
      unit: '%',
      value: app.slowPercent,
      floorSamples: [base.slowPercent],
      budget: { on: 'value', op: '<', limit: 1 },
    }),
    makeRow({
      name: 'teleprompter longest long task',
      value: app.longest,
      floorSamples: [base.longest],
      budget: { on: 'value', op: '<', limit: 50 },
      note: `${take.longTasks.length} long tasks (≥ 50 ms) in the take; the probe first saw a synthetic ${SYNTHETIC_MS} ms one`,
    }),
  ];
}
