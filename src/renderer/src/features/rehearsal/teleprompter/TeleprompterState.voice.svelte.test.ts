import { describe, expect, it } from 'vitest';
import type { Interval } from '@core/rehearsal/intervals';
import type { SpeechSegment } from '@core/rehearsal/speechFrames';
import type { ScriptLayout } from '@core/rehearsal/teleprompterScroll';
import type { Sections } from '@core/story';
import { TeleprompterState, type VoiceMode } from './TeleprompterState.svelte';

/** Sections 150 px tall: paced at speed 1, Situation's 15 s move 1 px every 100 ms. */
const layout: ScriptLayout = {
  sections: {
    situation: { offsetPx: 0, heightPx: 150 },
    task: { offsetPx: 150, heightPx: 150 },
    action: { offsetPx: 300, heightPx: 600 },
    result: { offsetPx: 900, heightPx: 300 },
  },
  words: [],
};
const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const script: Sections = { situation: words(30), task: words(30), action: words(150), result: words(75) };

/** The take's clock starts at 4 000 on the state's clock (1 000 + the 3 s countdown). */
const ORIGIN = 4_000;
const onClock = (startMs: number, endMs: number, misfire = false): SpeechSegment => ({
  startMs: ORIGIN + startMs,
  endMs: ORIGIN + endMs,
  misfire,
});

function setup(mode: VoiceMode) {
  let now = 1_000;
  const state = new TeleprompterState(() => now);
  state.setLayout(layout);
  state.setVoiceMode(mode);
  state.start();
  const at = (takeMs: number): void => {
    now = ORIGIN + takeMs;
    state.tick();
  };
  const hear = (segments: SpeechSegment[], open: Interval | null = null, listening = true): void =>
    state.hearSpeech({ listening, speaking: open !== null, segments, open });
  return { state, at, hear };
}

describe('TeleprompterState voice', () => {
  it('Follow: the script moves only while the user speaks', () => {
    const { state, at, hear } = setup('follow');
    hear([]);
    at(0);
    expect(state.followsVoice).toBe(true);
    at(2_000);
    expect(state.position?.offsetPx).toBe(0);
    hear([], { startMs: ORIGIN + 2_000, endMs: ORIGIN + 3_000 });
    at(3_000);
    expect(state.position?.offsetPx).toBeCloseTo(10);
    // Silence after 3 s: the segment closes at its last speech frame and the script holds.
    hear([onClock(2_000, 3_000)]);
    at(6_000);
    expect(state.position?.offsetPx).toBeCloseTo(10);
    expect(state.speaking).toBe(false);
    // Talking through the countdown does not move the script before the take.
    expect(state.voiceHolds).toEqual([
      { startMs: 0, endMs: 2_000 },
      { startMs: 3_000, endMs: 6_000 },
    ]);
  });

  it('Follow: a section the script left while following the voice is timed by the speaker', () => {
    const { state, at, hear } = setup('follow');
    hear([]);
    at(0);
    // Speaking from 1 s to 17 s moves Situation's 150 px past the reading line at 16 s.
    hear([], { startMs: ORIGIN + 1_000, endMs: ORIGIN + 17_000 });
    at(17_000);
    expect(state.section).toBe('task');
    expect(state.sectionMarks.map((mark) => mark.by)).toEqual(['key', 'voice']);
    state.finish();
    expect(state.timedBy).toEqual({ situation: 'speaker', task: 'speaker', action: null, result: null });
  });

  it('Follow: the detector coming up late gates from then on, without pulling the script back', () => {
    const { state, at, hear } = setup('follow');
    at(2_000);
    expect(state.followsVoice).toBe(false);
    expect(state.position?.offsetPx).toBeCloseTo(20);
    hear([]);
    at(5_000);
    expect(state.followsVoice).toBe(true);
    expect(state.position?.offsetPx).toBeCloseTo(20);
  });

  it('Follow: losing the microphone lets the script run on from where it held', () => {
    const { state, at, hear } = setup('follow');
    hear([]);
    at(0);
    hear([onClock(0, 1_000)]);
    at(4_000);
    expect(state.position?.offsetPx).toBeCloseTo(10);
    hear([onClock(0, 1_000)], null, false);
    at(6_000);
    expect(state.followsVoice).toBe(false);
    expect(state.position?.offsetPx).toBeCloseTo(30);
    expect(state.gateWindows).toEqual([{ startMs: 0, endMs: 4_000 }]);
  });

  it('Follow: a misfire (a cough) moves the script while heard, but is not voiced time', () => {
    const { state, at, hear } = setup('follow');
    hear([]);
    at(0);
    hear([onClock(1_000, 1_200, true), onClock(2_000, 4_000)]);
    at(5_000);
    expect(state.position?.offsetPx).toBeCloseTo(22);
    state.finish();
    expect(state.voiceAnalysis(script)?.total.voicedMs).toBe(2_000);
  });

  it('Listen: measures the voice without holding the script', () => {
    const { state, at, hear } = setup('listen');
    hear([]);
    at(1_000);
    hear([onClock(-2_000, 500), onClock(1_000, 4_000), onClock(7_000, 9_000)], {
      startMs: ORIGIN + 9_500,
      endMs: ORIGIN + 10_000,
    });
    at(10_000);
    expect(state.followsVoice).toBe(false);
    expect(state.position?.offsetPx).toBeCloseTo(100);
    state.finish();
    const voice = state.voiceAnalysis(script);
    // Speech in the countdown is cut at the take's start; the open segment counts up to its last frame.
    expect(voice?.total.voicedMs).toBe(500 + 3_000 + 2_000 + 500);
    expect(voice?.total.longPauses).toEqual([{ startMs: 4_000, lengthMs: 3_000, section: 'situation' }]);
    expect(voice?.sections.situation.pace).toBeCloseTo(30 / (6_000 / 60_000));
  });

  it('has no voice analysis when no detector listened during the take', () => {
    const { state, at } = setup('listen');
    at(3_000);
    state.finish();
    expect(state.voiceAnalysis(script)).toBeNull();
  });

  it('keeps the Voice option for the whole take, and drops the last take’s speech on a restart', () => {
    const { state, at, hear } = setup('listen');
    hear([]);
    at(1_000);
    state.setVoiceMode('follow');
    expect(state.voiceMode).toBe('listen');
    hear([onClock(0, 1_000)]);
    state.finish();
    state.setVoiceMode('off');
    expect(state.voiceMode).toBe('off');
    state.start();
    expect(state.heard).toEqual([]);
    expect(state.voiceAnalysis(script)).toBeNull();
  });
});
