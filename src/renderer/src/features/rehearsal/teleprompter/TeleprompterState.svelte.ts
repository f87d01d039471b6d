/**
 * One teleprompter run over one story: the 3-2-1 countdown, the take's clock, pauses, speed
 * changes and section marks, and the scroll position they give on a measured layout.
 *
 * Why a class apart from the view: every number the view shows comes from the time on an injected
 * clock (`performance.now` in the app, a fake in tests), through the pure functions in
 * `core/rehearsal`, so the rules are tested without a browser and a dropped frame never shifts the
 * script. The view only measures the layout, calls `tick()` on each animation frame and draws.
 *
 * Two lists of marks:
 * - `marks` are the user's jumps (← / →): the scroll starts over at the marked section from there.
 * - `sectionMarks` are every change of the section on the reading line (jumps, and the script
 *   reaching the next section by itself), starting with Situation at 0: `sectionTiming()` turns
 *   them into the per-section durations of the summary. Each says how it came (a key, the voice,
 *   the scroll's own pace), so the summary judges only the times the speaker set (`takeVerdict.ts`).
 */
import { countdownState, type CountdownState } from '@core/rehearsal/countdown';
import { subtractIntervals, type Interval } from '@core/rehearsal/intervals';
import type { SpeechSegment } from '@core/rehearsal/speechFrames';
import { analyzeVoice, type VoiceAnalysis } from '@core/rehearsal/voiceActivity';
import { sectionTiming, type SectionMark, type TakeTiming } from '@core/rehearsal/sectionTiming';
import { sectionsTimedBy, type MarkSource, type SourcedMark, type TimedBy } from '@core/rehearsal/takeVerdict';
import {
  scrollPosition,
  type ScriptLayout,
  type ScrollMode,
  type ScrollPosition,
  type ScrollRun,
  type SpeedChange,
  voiceGatedHolds,
} from '@core/rehearsal/teleprompterScroll';
import { SECTION_KEYS, type SectionKey, type Sections } from '@core/story';

export type TeleprompterPhase = 'ready' | 'countdown' | 'running' | 'finished';

/** Off; listen (voiced time, pauses and pace in the summary); follow (listen, and scroll only while speaking). */
export type VoiceMode = 'off' | 'listen' | 'follow';

/** What the voice detector has heard, on the clock the state was given (not the take's clock). */
export interface HeardSpeech {
  /** The detector is running: the microphone is open and the model loaded. */
  listening: boolean;
  speaking: boolean;
  /** Closed segments, misfires flagged. */
  segments: readonly SpeechSegment[];
  /** The segment being spoken, up to its last speech frame. */
  open: Interval | null;
}

/** Paced speed: a multiple of the section targets. */
export const PACED_SPEEDS = { min: 0.5, max: 2, step: 0.1, initial: 1 } as const;
/** Manual speed: words per minute. */
export const MANUAL_SPEEDS = { min: 60, max: 260, step: 10, initial: 150 } as const;
export const FONT_SIZES = { min: 24, max: 96, step: 4, initial: 44 } as const;
/** Line width in characters (`ch`). */
export const LINE_WIDTHS = { min: 24, max: 80, step: 4, initial: 44 } as const;

const clamp = (value: number, range: { min: number; max: number }): number =>
  Math.min(range.max, Math.max(range.min, value));
/** Rounds away float noise (0.1 + 0.2) so speeds read as 1.3×, not 1.3000000000000003×. */
const tidy = (value: number): number => Math.round(value * 100) / 100;

export class TeleprompterState {
  readonly #clock: () => number;
  readonly #countdownSeconds: number;
  /** Take-clock time of the last position computed while running. */
  #lastFollowMs = 0;

  mode = $state<ScrollMode>('paced');
  pacedSpeed = $state<number>(PACED_SPEEDS.initial);
  manualWpm = $state<number>(MANUAL_SPEEDS.initial);
  fontSize = $state<number>(FONT_SIZES.initial);
  lineWidth = $state<number>(LINE_WIDTHS.initial);
  mirrored = $state(false);

  phase = $state<TeleprompterPhase>('ready');
  /** Clock time when Start was pressed (the countdown begins). */
  startedAt = $state(0);
  /** Clock time of the last tick. */
  now = $state(0);
  /** Take-clock time when the take ended. */
  finishedAtMs = $state<number | null>(null);

  /** The speed when the take began, and its later changes. */
  initialSpeed = $state(0);
  speedChanges = $state.raw<SpeedChange[]>([]);
  /** Closed pauses on the take's clock; an open pause is `pausedAtMs`. */
  closedPauses = $state.raw<Interval[]>([]);
  pausedAtMs = $state<number | null>(null);
  marks = $state.raw<SectionMark[]>([]);
  sectionMarks = $state.raw<SourcedMark[]>([]);
  /** How the take ended: by a key (→ on Result, Esc, Stop) or by the script running out. */
  finishedBy = $state<MarkSource>('key');

  layout = $state.raw<ScriptLayout | null>(null);
  position = $state.raw<ScrollPosition | null>(null);

  constructor(clock: () => number, countdownSeconds?: number) {
    this.#clock = clock;
    this.#countdownSeconds = countdownSeconds ?? 3;
  }

  /** The speed now: a multiple of the targets (paced) or words per minute (manual). */
  get speed(): number {
    return this.mode === 'paced' ? this.pacedSpeed : this.manualWpm;
  }

  get paused(): boolean {
    return this.pausedAtMs !== null;
  }

  get countdown(): CountdownState {
    return countdownState(this.now - this.startedAt, this.#countdownSeconds);
  }

  /** Time on the take's clock (pauses included); 0 before the take begins. */
  get elapsedMs(): number {
    if (this.finishedAtMs !== null) return this.finishedAtMs;
    if (this.phase !== 'running') return 0;
    const state = this.countdown;
    return state.phase === 'running' ? state.elapsedMs : 0;
  }

  /** Pauses so far, the open one ending now. */
  get pauses(): Interval[] {
    const open = this.pausedAtMs;
    return open === null ? this.closedPauses : [...this.closedPauses, { startMs: open, endMs: this.elapsedMs }];
  }

  get run(): ScrollRun {
    return {
      mode: this.mode,
      speed: this.initialSpeed,
      speedChanges: this.speedChanges,
      pauses: [...this.pauses, ...this.voiceHolds],
      marks: this.marks,
    };
  }

  /** The section on the reading line (Situation before the take begins). */
  get section(): SectionKey {
    return this.sectionMarks.at(-1)?.section ?? 'situation';
  }

  /** When the current section came on the reading line, on the take's clock. */
  get sectionStartMs(): number {
    return this.sectionMarks.at(-1)?.atMs ?? 0;
  }

  /** Who set each section's time: the speaker (keys, voice) or the scroll's own pace. */
  get timedBy(): Record<SectionKey, TimedBy | null> {
    return sectionsTimedBy(this.sectionMarks, this.finishedBy, this.elapsedMs);
  }

  /** Per-section and total durations so far (or of the finished take). */
  get timing(): TakeTiming {
    return sectionTiming(this.sectionMarks, { totalMs: this.elapsedMs, pauses: this.pauses });
  }

  /** Starts (or restarts) the countdown; everything recorded before is dropped. */
  start(): void {
    this.now = this.#clock();
    this.startedAt = this.now;
    this.phase = 'countdown';
    this.finishedAtMs = null;
    this.initialSpeed = this.speed;
    this.speedChanges = [];
    this.closedPauses = [];
    this.pausedAtMs = null;
    this.marks = [];
    this.sectionMarks = [];
    this.position = null;
    this.#lastFollowMs = 0;
    this.heard = [];
    this.voiceUsed = false;
    this.gateWindows = [];
    this.gateOpenFromMs = null;
  }

  /** Reads the clock and moves everything on: called on every animation frame. */
  tick(): void {
    if (this.phase === 'ready' || this.phase === 'finished') return;
    this.now = this.#clock();
    if (this.phase === 'countdown') {
      if (this.countdown.phase !== 'running') return;
      this.phase = 'running';
      // The take's speed is the one set when it begins (it may have changed during the countdown).
      this.initialSpeed = this.speed;
      this.sectionMarks = [{ section: 'situation', atMs: 0, by: 'key' }];
      this.#updateGate();
    }
    this.#follow();
  }

  /** Takes the layout measured from the page (again after a font size or width change). */
  setLayout(layout: ScriptLayout): void {
    this.layout = layout;
    if (this.phase === 'running' || this.phase === 'finished') this.#follow(false);
  }

  #follow(mayFinish = true): void {
    if (!this.layout || this.phase === 'ready' || this.phase === 'countdown') return;
    const at = this.elapsedMs;
    const position = scrollPosition(this.layout, this.run, at);
    this.position = position;
    if (this.phase !== 'running') return;
    this.#markReached(position.section, at);
    if (position.finished && mayFinish) this.finish(this.#scrollSource);
    this.#lastFollowMs = at;
  }

  /**
   * Marks each section the script reached by itself since the last frame, at the moment it did
   * (found by bisection on the pure position), so a dropped frame or a throttled tab still gives
   * exact section times.
   */
  #markReached(section: SectionKey, atMs: number): void {
    const layout = this.layout;
    if (!layout) return;
    const target = SECTION_KEYS.indexOf(section);
    for (let index = SECTION_KEYS.indexOf(this.section) + 1; index <= target; index++) {
      let low = Math.max(this.#lastFollowMs, this.sectionStartMs);
      let high = atMs;
      while (high - low > 1) {
        const middle = (low + high) / 2;
        const reached = SECTION_KEYS.indexOf(scrollPosition(layout, this.run, middle).section) >= index;
        if (reached) high = middle;
        else low = middle;
      }
      this.#markSection(SECTION_KEYS[index], high, this.#scrollSource);
    }
  }

  /** The script moving by itself: the speaker's doing while voice-gated scrolling holds it in silences. */
  get #scrollSource(): MarkSource {
    return this.gateOpenFromMs !== null ? 'voice' : 'scroll';
  }

  #markSection(section: SectionKey, atMs: number, by: MarkSource): void {
    this.#lastFollowMs = atMs;
    this.sectionMarks = [...this.sectionMarks, { section, atMs, by }];
  }

  togglePause(): void {
    if (this.phase !== 'running') return;
    this.now = this.#clock();
    const at = this.elapsedMs;
    if (this.pausedAtMs === null) this.pausedAtMs = at;
    else {
      if (at > this.pausedAtMs) this.closedPauses = [...this.closedPauses, { startMs: this.pausedAtMs, endMs: at }];
      this.pausedAtMs = null;
    }
  }

  /** ↑ / ↓: one step faster or slower, from now on. */
  changeSpeed(steps: number): void {
    if (this.mode === 'paced') {
      this.setSpeed(tidy(clamp(this.pacedSpeed + steps * PACED_SPEEDS.step, PACED_SPEEDS)));
    } else {
      this.setSpeed(clamp(this.manualWpm + steps * MANUAL_SPEEDS.step, MANUAL_SPEEDS));
    }
  }

  setSpeed(speed: number): void {
    if (this.mode === 'paced') this.pacedSpeed = tidy(clamp(speed, PACED_SPEEDS));
    else this.manualWpm = Math.round(clamp(speed, MANUAL_SPEEDS));
    if (this.phase !== 'running') return;
    this.now = this.#clock();
    const atMs = this.elapsedMs;
    const last = this.speedChanges.at(-1);
    const changes = last && last.atMs === atMs ? this.speedChanges.slice(0, -1) : this.speedChanges;
    this.speedChanges = [...changes, { atMs, speed: this.speed }];
    this.#follow();
  }

  /** Paced or manual; only before the take runs (one take scrolls by one rule). */
  setMode(mode: ScrollMode): void {
    if (this.phase === 'running') return;
    this.mode = mode;
  }

  /**
   * → / ←: jump to the next or previous section. → on Result ends the take. `by`: what moved it
   * (a key, or the speaker's pause where sections advance by voice).
   */
  jump(direction: 1 | -1, by: MarkSource = 'key'): void {
    if (this.phase !== 'running') return;
    this.now = this.#clock();
    const index = SECTION_KEYS.indexOf(this.section) + direction;
    if (index >= SECTION_KEYS.length) {
      this.finish(by);
      return;
    }
    if (index < 0) return;
    const section = SECTION_KEYS[index];
    const atMs = this.elapsedMs;
    this.marks = [...this.marks, { section, atMs }];
    this.#markSection(section, atMs, by);
    this.#follow(false);
  }

  /** Ends the take (Result done, or Esc): the summary shows its timing. */
  finish(by: MarkSource = 'key'): void {
    if (this.phase === 'ready' || this.phase === 'finished') return;
    if (this.phase === 'countdown') {
      this.phase = 'ready';
      return;
    }
    this.now = this.#clock();
    const at = this.elapsedMs;
    if (this.pausedAtMs !== null) {
      if (at > this.pausedAtMs) this.closedPauses = [...this.closedPauses, { startMs: this.pausedAtMs, endMs: at }];
      this.pausedAtMs = null;
    }
    this.finishedAtMs = at;
    this.finishedBy = by;
    this.phase = 'finished';
    this.#updateGate();
  }

  changeFontSize(steps: number): void {
    this.fontSize = clamp(this.fontSize + steps * FONT_SIZES.step, FONT_SIZES);
  }

  changeLineWidth(steps: number): void {
    this.lineWidth = clamp(this.lineWidth + steps * LINE_WIDTHS.step, LINE_WIDTHS);
  }

  toggleMirror(): void {
    this.mirrored = !this.mirrored;
  }

  // ── Voice ───────────────────────────────────────────────────────────────────────────────────
  // The view runs the detector (features/rehearsal/voice) on a microphone stream and passes on what it heard;
  // here it becomes speech on the take's clock, the holds of voice-gated scrolling, and the
  // take's voice analysis.

  voiceMode = $state<VoiceMode>('off');
  /** The detector is running (the microphone is open and the model loaded). */
  listening = $state(false);
  /** The user is speaking now (a live indicator; also before and between takes, as a mic check). */
  speaking = $state(false);
  /** Speech in this take on the take's clock, clipped to it: closed segments and the open one. */
  heard = $state.raw<SpeechSegment[]>([]);
  /** The detector listened during this take, so its voice analysis means something. */
  voiceUsed = $state(false);

  /**
   * When voice-gated scrolling was in force in this take, on the take's clock; `gateOpenFromMs` is
   * the window still open. Gating starts when the take starts with a detector listening, or when
   * the detector comes up later (the model may still be loading), and stops if the microphone goes
   * away; the holds from before stay, so the script never jumps when the gate opens or closes.
   */
  gateWindows = $state.raw<Interval[]>([]);
  gateOpenFromMs = $state<number | null>(null);

  /** Voice-gated scrolling is holding the script whenever the user is silent, now. */
  get followsVoice(): boolean {
    return this.gateOpenFromMs !== null;
  }

  /** The silences the script held in: every stretch without speech, inside the gate's windows. */
  get voiceHolds(): Interval[] {
    const elapsedMs = this.elapsedMs;
    const open = this.gateOpenFromMs;
    const windows = open === null ? this.gateWindows : [...this.gateWindows, { startMs: open, endMs: elapsedMs }];
    if (windows.length === 0) return [];
    const ungated = subtractIntervals([{ startMs: 0, endMs: elapsedMs }], windows);
    // Misfires count here: the script moved while they were heard, so it stays moved.
    return subtractIntervals(voiceGatedHolds(this.heard, elapsedMs), ungated);
  }

  #updateGate(): void {
    const wanted = this.phase === 'running' && this.voiceMode === 'follow' && this.listening;
    const open = this.gateOpenFromMs;
    if (wanted && open === null) this.gateOpenFromMs = this.elapsedMs;
    if (!wanted && open !== null) {
      const endMs = this.elapsedMs;
      if (endMs > open) this.gateWindows = [...this.gateWindows, { startMs: open, endMs }];
      this.gateOpenFromMs = null;
    }
  }

  /** Off, listen or follow; only before the take runs (one take is scrolled by one rule). */
  setVoiceMode(mode: VoiceMode): void {
    if (this.phase === 'running') return;
    this.voiceMode = mode;
  }

  /**
   * Takes the detector's report; times are on this state's clock and become take-clock times. One
   * detector per take: its lists replace what was heard before. A report that the detector is not
   * listening (stopped, failed) keeps what it heard.
   */
  hearSpeech(heard: HeardSpeech): void {
    this.listening = heard.listening;
    this.speaking = heard.speaking;
    if (this.phase === 'running') this.now = this.#clock();
    this.#updateGate();
    if (!heard.listening || (this.phase !== 'running' && this.phase !== 'finished')) return;
    if (this.phase === 'running') this.voiceUsed = true;
    // Speech before the take (during the countdown, or a take before) is cut off at its start; the
    // end is clipped where it is used (the holds up to now, the analysis up to the take's end).
    const origin = this.startedAt + this.#countdownSeconds * 1000;
    const onTake = (segment: Interval, misfire: boolean): SpeechSegment | null => {
      const startMs = Math.max(0, segment.startMs - origin);
      const endMs = segment.endMs - origin;
      return endMs > startMs ? { startMs, endMs, misfire } : null;
    };
    const open = heard.open && onTake(heard.open, false);
    this.heard = [...heard.segments.map((s) => onTake(s, s.misfire)), open].filter((s) => s !== null);
  }

  /**
   * The take's voiced time, long pauses and pace, per section and in total, from `sections` (the
   * story's script); null when no detector listened during the take. Misfires are not speech.
   */
  voiceAnalysis(sections: Sections): VoiceAnalysis | null {
    if (!this.voiceUsed || this.phase === 'ready' || this.phase === 'countdown') return null;
    return analyzeVoice({
      totalMs: this.elapsedMs,
      pauses: this.pauses,
      marks: this.sectionMarks,
      segments: this.heard.filter((segment) => !segment.misfire),
      sections,
    });
  }
}
