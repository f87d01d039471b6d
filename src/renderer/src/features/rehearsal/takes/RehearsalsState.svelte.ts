/**
 * The review schedule as the board and the editor show it: which stories are due today, and where
 * each one stands (next review, how many done).
 *
 * Why its own state: the schedule needs every story's first-commit date and its takes, which only
 * main knows (`rehearsalOverview`: one git log and every sidecar); it changes when a take ends or
 * is deleted and when a commit lands (a story is only scheduled once committed, and a rename counts
 * once committed), so it is fetched again on those events only — not on every autosave — and
 * coalesced, so a burst of events gives one fetch. A story removed since is left out by the caller. The rule itself is `core/rehearsal/reviewSchedule.ts`, on the user's
 * calendar day in their time zone.
 */
import type { RehearsalOverview, StoryBankApi } from '@core/api';
import { dayInZone } from '@core/rehearsal/calendarDay';
import { dueToday, reviewSchedule, type DueReview, type ReviewSchedule } from '@core/rehearsal/reviewSchedule';

export class RehearsalsState {
  readonly #api: StoryBankApi;
  readonly #now: () => number;
  /** Undefined: the system's own zone (see dayInZone: no Intl formatter at start-up). */
  readonly #timeZone: string | undefined;
  #refreshing: Promise<void> | null = null;
  #again = false;

  overview = $state.raw<RehearsalOverview | null>(null);
  error = $state<string | null>(null);
  /** The calendar day the schedule is for; moved on by `refresh` (a laptop left open overnight). */
  today = $state('');

  constructor(api: StoryBankApi, now: () => number = Date.now, timeZone?: string) {
    this.#api = api;
    this.#now = now;
    this.#timeZone = timeZone;
    this.today = dayInZone(now(), this.#timeZone);
  }

  /** Fetches the overview now and again whenever takes or stories change; returns the unsubscribe. */
  start(): () => void {
    void this.refresh();
    const stops = [
      this.#api.on('takesChanged', () => void this.refresh()),
      this.#api.on('gitStateChanged', () => void this.refresh()),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** One fetch at a time; a request during a fetch gives one more after it. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        try {
          this.overview = await this.#api.rehearsalOverview({});
          this.today = dayInZone(this.#now(), this.#timeZone);
          this.error = null;
        } catch (error) {
          this.error = `The review schedule could not be read: ${(error as Error).message}`;
        }
      } while (this.#again);
      this.#refreshing = null;
    })();
    return this.#refreshing;
  }

  #options() {
    return { today: this.today, timeZone: this.#timeZone };
  }

  /** Stories due today or overdue, most overdue first. */
  get due(): DueReview[] {
    const stories = this.overview?.stories ?? [];
    return dueToday(
      stories.map((story) => ({ id: story.storyId, writtenAt: story.writtenAt, takes: story.takes })),
      this.#options(),
    );
  }

  /** Where one story stands, or null before the overview has loaded or for an unknown story. */
  scheduleOf(storyId: string): ReviewSchedule | null {
    const story = this.overview?.stories.find((entry) => entry.storyId === storyId);
    return story ? reviewSchedule({ writtenAt: story.writtenAt, takes: story.takes }, this.#options()) : null;
  }
}
