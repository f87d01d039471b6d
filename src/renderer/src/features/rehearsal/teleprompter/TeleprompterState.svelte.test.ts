import { describe, expect, it } from 'vitest';
import type { ScriptLayout } from '@core/rehearsal/teleprompterScroll';
import { TeleprompterState } from './TeleprompterState.svelte';

/** Sections 100 px tall each, one on top of the other; one word per 10 px. */
const layout: ScriptLayout = {
  sections: {
    situation: { offsetPx: 0, heightPx: 100 },
    task: { offsetPx: 100, heightPx: 100 },
    action: { offsetPx: 200, heightPx: 100 },
    result: { offsetPx: 300, heightPx: 100 },
  },
  words: (['situation', 'task', 'action', 'result'] as const).flatMap((section, s) =>
    Array.from({ length: 10 }, (_, w) => ({ section, offsetPx: s * 100 + w * 10 })),
  ),
};

function setup() {
  let now = 1_000;
  const state = new TeleprompterState(() => now);
  state.setLayout(layout);
  const at = (ms: number): void => {
    now = 1_000 + 3_000 + ms; // take-clock time ms (after the 3 s countdown)
    state.tick();
  };
  return { state, at, setNow: (ms: number) => (now = ms) };
}

describe('TeleprompterState', () => {
  it('counts 3-2-1 from Start, then runs the take on its own clock', () => {
    const { state, setNow } = setup();
    expect(state.phase).toBe('ready');
    state.start();
    state.tick();
    expect(state.countdown).toMatchObject({ phase: 'counting', number: 3 });
    setNow(2_500);
    state.tick();
    expect(state.countdown).toMatchObject({ phase: 'counting', number: 2 });
    expect(state.elapsedMs).toBe(0);
    setNow(4_000 + 7_500);
    state.tick();
    expect(state.phase).toBe('running');
    expect(state.elapsedMs).toBe(7_500);
    // Paced at speed 1: halfway through Situation's 15 s is halfway down its 100 px.
    expect(state.position).toEqual({ offsetPx: 50, section: 'situation', finished: false });
  });

  it('holds the script while paused and excludes the pause from the timing', () => {
    const { state, at } = setup();
    state.start();
    at(3_000);
    state.togglePause();
    expect(state.paused).toBe(true);
    at(8_000);
    expect(state.position?.offsetPx).toBe(20);
    state.togglePause();
    at(9_000);
    expect(state.position?.offsetPx).toBeCloseTo((4_000 / 15_000) * 100);
    expect(state.pauses).toEqual([{ startMs: 3_000, endMs: 8_000 }]);
    state.finish();
    expect(state.timing.total.durationMs).toBe(4_000);
    expect(state.timing.total.pausedMs).toBe(5_000);
  });

  it('records a section mark when the script reaches the next section by itself', () => {
    const { state, at } = setup();
    state.start();
    at(16_000);
    expect(state.section).toBe('task');
    expect(state.sectionMarks).toEqual([
      { section: 'situation', atMs: 0, by: 'key' },
      { section: 'task', atMs: expect.closeTo(15_000, -1) as number, by: 'scroll' },
    ]);
    expect(state.marks).toEqual([]);
    // Nobody pressed a key: Situation's 15 s are the scroll's pace, not the speaker's.
    expect(state.timedBy.situation).toBe('scroll');
  });

  it('jumps with → and ←, marks them, and ends the take with → on Result', () => {
    const { state, at } = setup();
    state.start();
    at(2_000);
    state.jump(1);
    expect(state.section).toBe('task');
    expect(state.position?.offsetPx).toBe(100);
    at(4_000);
    state.jump(-1);
    expect(state.section).toBe('situation');
    state.jump(-1);
    expect(state.section).toBe('situation');
    at(5_000);
    state.jump(1);
    state.jump(1);
    state.jump(1);
    expect(state.section).toBe('result');
    expect(state.marks.map((m) => m.section)).toEqual(['task', 'situation', 'task', 'action', 'result']);
    at(6_000);
    state.jump(1);
    expect(state.phase).toBe('finished');
    const timing = state.timing;
    expect(timing.sections.situation.durationMs).toBe(3_000);
    expect(timing.sections.task.durationMs).toBe(2_000);
    expect(timing.sections.result.durationMs).toBe(1_000);
    expect(timing.total.durationMs).toBe(6_000);
    // Every section was ended by a key, the take too: the speaker's times (Action was passed at once).
    expect(state.finishedBy).toBe('key');
    expect(state.timedBy).toEqual({ situation: 'speaker', task: 'speaker', action: null, result: 'speaker' });
  });

  it('changes speed from now on without moving the script back', () => {
    const { state, at } = setup();
    state.start();
    at(7_500);
    state.changeSpeed(10); // 1 → 2×
    expect(state.pacedSpeed).toBe(2);
    expect(state.position?.offsetPx).toBe(50);
    at(9_000);
    expect(state.position?.offsetPx).toBe(70);
    state.changeSpeed(100);
    expect(state.pacedSpeed).toBe(2);
  });

  it('scrolls word by word at the chosen words per minute in manual mode', () => {
    const { state, at } = setup();
    state.setMode('manual');
    state.setSpeed(60);
    state.start();
    at(2_500); // 2.5 words at 60 wpm
    expect(state.position?.offsetPx).toBe(25);
    state.setMode('paced');
    expect(state.mode).toBe('manual');
  });

  it('finishes by itself after Result and keeps the end position', () => {
    const { state, at } = setup();
    state.start();
    at(121_000);
    expect(state.phase).toBe('finished');
    expect(state.elapsedMs).toBe(121_000);
    expect(state.position).toMatchObject({ offsetPx: 400, finished: true });
    // One frame for the whole take: the sections it passed are still marked when they began.
    expect(state.sectionMarks.map((mark) => [mark.section, Math.round(mark.atMs / 10) * 10])).toEqual([
      ['situation', 0],
      ['task', 15_000],
      ['action', 30_000],
      ['result', 90_000],
    ]);
    expect(state.timing.sections.action.durationMs).toBeCloseTo(60_000, -1);
  });

  it('Esc during the countdown goes back to ready; a restart drops the last take', () => {
    const { state, at } = setup();
    state.start();
    state.finish();
    expect(state.phase).toBe('ready');
    state.start();
    at(1_000);
    state.jump(1);
    state.start();
    expect(state.marks).toEqual([]);
    expect(state.phase).toBe('countdown');
  });

  it('adjusts font size, line width and mirror within bounds', () => {
    const { state } = setup();
    state.changeFontSize(100);
    expect(state.fontSize).toBe(96);
    state.changeLineWidth(-100);
    expect(state.lineWidth).toBe(24);
    state.toggleMirror();
    expect(state.mirrored).toBe(true);
  });
});
