import { describe, expect, it } from 'vitest';
import {
  progressBetween,
  scrollPosition,
  voiceGatedHolds,
  type ScriptLayout,
  type ScrollRun,
  type WordBox,
} from '../../src/core/rehearsal/teleprompterScroll';
import { SECTION_KEYS, type SectionKey } from '../../src/core/story';

/** Sections 0–100, 100–200, 200–600, 600–800 px, four words each, 20 px apart from 10 px in. */
function layout(scale = 1): ScriptLayout {
  const boxes = { situation: [0, 100], task: [100, 100], action: [200, 400], result: [600, 200] } as const;
  const sections = Object.fromEntries(
    SECTION_KEYS.map((key) => [key, { offsetPx: boxes[key][0] * scale, heightPx: boxes[key][1] * scale }]),
  ) as ScriptLayout['sections'];
  const words: WordBox[] = SECTION_KEYS.flatMap((key) =>
    [10, 30, 50, 70].map((dy) => ({ section: key, offsetPx: (boxes[key][0] + dy) * scale })),
  );
  return { sections, words };
}
const paced = (over: Partial<ScrollRun> = {}): ScrollRun => ({ mode: 'paced', speed: 1, ...over });
const manual = (over: Partial<ScrollRun> = {}): ScrollRun => ({ mode: 'manual', speed: 60, ...over });
const at = (run: ScrollRun, seconds: number, script = layout()) => scrollPosition(script, run, seconds * 1000);
const mark = (section: SectionKey, seconds: number) => ({ section, atMs: seconds * 1000 });

describe('paced mode', () => {
  it('scrolls each section over its target time', () => {
    expect(at(paced(), 0)).toEqual({ offsetPx: 0, section: 'situation', finished: false });
    expect(at(paced(), 7.5)).toEqual({ offsetPx: 50, section: 'situation', finished: false });
    expect(at(paced(), 15)).toEqual({ offsetPx: 100, section: 'task', finished: false });
    expect(at(paced(), 22.5).offsetPx).toBe(150);
    expect(at(paced(), 60)).toEqual({ offsetPx: 400, section: 'action', finished: false });
    expect(at(paced(), 105)).toEqual({ offsetPx: 700, section: 'result', finished: false });
  });

  it('stays at the bottom after Result', () => {
    expect(at(paced(), 120)).toEqual({ offsetPx: 800, section: 'result', finished: true });
    expect(at(paced(), 500)).toEqual({ offsetPx: 800, section: 'result', finished: true });
  });

  it('is at the top before the take starts', () => {
    expect(at(paced(), -3)).toEqual({ offsetPx: 0, section: 'situation', finished: false });
  });

  it('scales time by the speed, and follows speed changes mid-run', () => {
    expect(at(paced({ speed: 2 }), 7.5).offsetPx).toBe(100);
    const slower = paced({ speedChanges: [{ atMs: 5000, speed: 0.5 }] });
    expect(at(slower, 5).offsetPx).toBeCloseTo(33.333, 3);
    expect(at(slower, 10).offsetPx).toBe(50);
    const steps = paced({
      speedChanges: [
        { atMs: 2000, speed: 2 },
        { atMs: 4000, speed: 0 },
        { atMs: 6000, speed: 1 },
      ],
    });
    // 2 s at 1 + 2 s at 2 + 2 s held + 1.5 s at 1 = 7.5 s of target time.
    expect(at(steps, 5).offsetPx).toBe(40);
    expect(at(steps, 7.5).offsetPx).toBe(50);
  });

  it('holds during pauses', () => {
    const run = paced({ pauses: [{ startMs: 5000, endMs: 10_000 }] });
    expect(at(run, 5).offsetPx).toBeCloseTo(33.333, 3);
    expect(at(run, 8).offsetPx).toBeCloseTo(33.333, 3);
    expect(at(run, 12.5).offsetPx).toBe(50);
  });

  it('starts over at the top of a section the user jumps to', () => {
    const run = paced({ marks: [mark('situation', 0), mark('action', 10), mark('task', 40)] });
    expect(at(run, 9).offsetPx).toBe(60);
    expect(at(run, 10)).toEqual({ offsetPx: 200, section: 'action', finished: false });
    expect(at(run, 25).offsetPx).toBe(300);
    expect(at(run, 40)).toEqual({ offsetPx: 100, section: 'task', finished: false });
    expect(at(run, 55)).toEqual({ offsetPx: 200, section: 'action', finished: false });
  });

  it('keeps the place in the text when the layout changes (font size, line width)', () => {
    const big = layout(1.5);
    for (const t of [5, 20, 70, 110])
      expect(at(paced(), t, big).offsetPx).toBeCloseTo(at(paced(), t).offsetPx * 1.5, 9);
  });

  it('holds on an empty section for its target time (the cue to say something)', () => {
    const script = layout();
    script.sections.task = { offsetPx: 100, heightPx: 0 };
    script.sections.action = { offsetPx: 100, heightPx: 500 };
    expect(at(paced(), 20, script)).toEqual({ offsetPx: 100, section: 'task', finished: false });
    expect(at(paced(), 30, script)).toEqual({ offsetPx: 100, section: 'action', finished: false });
  });
});

describe('manual mode', () => {
  it('moves word by word at the chosen words per minute', () => {
    expect(at(manual(), 0)).toEqual({ offsetPx: 10, section: 'situation', finished: false });
    expect(at(manual(), 0.5).offsetPx).toBe(20);
    expect(at(manual(), 1).offsetPx).toBe(30);
    expect(at(manual(), 4)).toEqual({ offsetPx: 110, section: 'task', finished: false });
    expect(at(manual({ speed: 120 }), 2).offsetPx).toBe(110);
  });

  it('scrolls past the last word to the end of the script, then stops', () => {
    expect(at(manual(), 15).offsetPx).toBe(670);
    expect(at(manual(), 15.5).offsetPx).toBe(735);
    expect(at(manual(), 16)).toEqual({ offsetPx: 800, section: 'result', finished: true });
    expect(at(manual(), 100)).toEqual({ offsetPx: 800, section: 'result', finished: true });
  });

  it('follows speed changes and pauses', () => {
    const run = manual({ speedChanges: [{ atMs: 2000, speed: 120 }], pauses: [{ startMs: 3000, endMs: 6000 }] });
    expect(at(run, 3).offsetPx).toBe(110); // 2 words + 2 words
    expect(at(run, 6).offsetPx).toBe(110);
    expect(at(run, 6.5).offsetPx).toBe(130);
  });

  it('jumps to the first word of a section', () => {
    const run = manual({ marks: [mark('result', 2), mark('situation', 5)] });
    expect(at(run, 2)).toEqual({ offsetPx: 610, section: 'result', finished: false });
    expect(at(run, 3).offsetPx).toBe(630);
    expect(at(run, 5)).toEqual({ offsetPx: 10, section: 'situation', finished: false });
  });

  it('jumping to a section without words goes to the next word after it', () => {
    const script = layout();
    const noTask = { ...script, words: script.words.filter((w) => w.section !== 'task') };
    expect(at(manual({ marks: [mark('task', 0)] }), 0, noTask)).toEqual({
      offsetPx: 210,
      section: 'action',
      finished: false,
    });
  });

  it('with nothing left to read, shows the top of the section', () => {
    const script = layout();
    const noResult = { ...script, words: script.words.filter((w) => w.section !== 'result') };
    expect(at(manual({ marks: [mark('result', 0)] }), 3, noResult)).toEqual({
      offsetPx: 600,
      section: 'result',
      finished: true,
    });
    expect(at(manual(), 3, { ...script, words: [] })).toEqual({ offsetPx: 0, section: 'situation', finished: true });
  });

  it('keeps the word at the reading line when the layout changes', () => {
    for (const t of [0.3, 5.5, 12])
      expect(at(manual(), t, layout(2)).offsetPx).toBeCloseTo(at(manual(), t).offsetPx * 2, 9);
  });
});

describe('voice-gated mode', () => {
  it('holds whenever the user is not speaking', () => {
    const speech = [
      { startMs: 0, endMs: 3000 },
      { startMs: 5000, endMs: 8000 },
    ];
    expect(voiceGatedHolds(speech, 10_000)).toEqual([
      { startMs: 3000, endMs: 5000 },
      { startMs: 8000, endMs: 10_000 },
    ]);
    const run = paced({ pauses: voiceGatedHolds(speech, 10_000) });
    expect(at(run, 10).offsetPx).toBe(40);
    expect(at(run, 4).offsetPx).toBe(20);
  });

  it('holds from the start until the first word, and clips speech reported after now', () => {
    expect(voiceGatedHolds([{ startMs: 2000, endMs: 9000 }], 5000)).toEqual([{ startMs: 0, endMs: 2000 }]);
    expect(voiceGatedHolds([], 5000)).toEqual([{ startMs: 0, endMs: 5000 }]);
    expect(voiceGatedHolds([], -1)).toEqual([]);
  });
});

describe('progressBetween', () => {
  it('integrates the speed over the time not held', () => {
    const changes = [{ atMs: 1000, speed: 3 }];
    expect(progressBetween(0, 2000, 1, changes, [])).toBe(4000);
    expect(progressBetween(1500, 2000, 1, changes, [])).toBe(1500);
    expect(progressBetween(0, 2000, 1, changes, [{ startMs: 500, endMs: 1500 }])).toBe(2000);
    expect(progressBetween(2000, 1000, 1, changes, [])).toBe(0);
  });
});

describe('scrollPosition rejects what it cannot place', () => {
  it('with a clear error', () => {
    expect(() => at(paced({ speed: -1 }), 1)).toThrow('the speed must be a non-negative number, got -1');
    expect(() => at(paced({ speed: Number.NaN }), 1)).toThrow(RangeError);
    expect(() =>
      at(
        paced({
          speedChanges: [
            { atMs: 5000, speed: 1 },
            { atMs: 2000, speed: 2 },
          ],
        }),
        1,
      ),
    ).toThrow(/speed change 2 \(at 2000 ms\) comes before speed change 1/);
    expect(() => at(paced({ speedChanges: [{ atMs: 5, speed: -2 }] }), 1)).toThrow(/speed change 1/);
    expect(() => at(paced({ marks: [mark('task', 5), mark('action', 2)] }), 1)).toThrow(
      /mark 2 .* comes before mark 1/,
    );
    expect(() => at(paced(), Number.NaN)).toThrow(/elapsed time/);
    const broken = layout();
    broken.sections.action = { offsetPx: 200, heightPx: -5 };
    expect(() => at(paced(), 1, broken)).toThrow(/action section/);
    expect(() => at(manual(), 1, { ...layout(), words: [{ section: 'task', offsetPx: Number.NaN }] })).toThrow(
      /word 1/,
    );
    expect(() => at(paced({ pauses: [{ startMs: 3, endMs: 1 }] }), 1)).toThrow(/pause 1/);
  });
});
