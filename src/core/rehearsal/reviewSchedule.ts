/**
 * When each story is next due for rehearsal, and which stories the board lists as due today.
 *
 * Why: the assignment asks for the stories to be rehearsed again after 3, 7, 21 and 60 days; spaced
 * reviews are what make a story come back under interview pressure. The app knows when a story was
 * written (its first commit) and when it was rehearsed (its takes), so it can keep the schedule
 * instead of the student.
 *
 * The rule, precisely:
 * - Days are calendar days in the caller's time zone (`calendarDay.ts`); `today` is passed in, the
 *   clock is never read here.
 * - The anchor starts as the day the story was written: the calendar day of its first commit.
 * - Review step k (0-based; k = 0…3) is due `REVIEW_SCHEDULE_DAYS[k]` days (3, 7, 21, 60) after the
 *   anchor. So on time, reviews fall on days 3, 10, 31 and 91 after writing.
 * - Takes are taken in the order of their days. A take completes the step that is due when it falls on or after
 *   that step's due day; the anchor then moves to the take's day and the next step is counted from
 *   there. A late review therefore pushes the following ones back by as much as it was late.
 * - A take before its step's due day (an early review, or another take the same day) is practice:
 *   it completes nothing and does not move the anchor. Reviewing early does not shorten the gaps that
 *   make spaced rehearsal work; the step stays due until a take on or after its day.
 * - Only takes of at least `minReviewMs` count (default `MIN_REVIEW_TAKE_MS`, 30 s, a quarter of the
 *   2:00 target): a false start or a zero-length take is not a rehearsal. Takes after `today` are
 *   ignored, so the schedule is the one that held on `today`.
 * - A drill (a take that answered an interview question) counts like any take when its first pick
 *   was right: the story came back from the question alone, which is what the review is for, and
 *   telling it from the key phrases is at least as much a rehearsal as reading it. Its duration is
 *   the telling (from the first section to the end, the choosing not included), held to the same
 *   30 s floor. A drill whose first pick was wrong does not count: the story did not come back
 *   when asked; the telling that followed is practice.
 * - After step 3 the story is `finished`. A story never committed has no written day and is
 *   `not-committed`: it has no schedule and is never due.
 * - A story is due when its due day is today or earlier; `overdueDays` counts the days past it.
 * - A malformed date, day, time zone or duration throws a `RangeError` that names it.
 */
import { REVIEW_SCHEDULE_DAYS } from '../checker/timing';
import { addDays, calendarDayOf, checkCalendarDay, daysBetween, type CalendarDay, type DateInput } from './calendarDay';

/** Takes shorter than this do not count as a review. */
export const MIN_REVIEW_TAKE_MS = 30_000;

/** A take as the schedule needs it. */
export interface ReviewTake {
  date: DateInput;
  durationMs: number;
  /** Present for a drill: whether its first pick was right. */
  drill?: { correct: boolean };
}

export interface ScheduledStory {
  id: string;
  /** The date of the story's first commit; null when it was never committed. */
  writtenAt: DateInput | null;
  takes: readonly ReviewTake[];
}

export interface ScheduleOptions {
  /** Today on the user's calendar, `YYYY-MM-DD`. */
  today: CalendarDay;
  /** The user's IANA time zone, e.g. `Europe/Berlin`; not given, the system's own zone. */
  timeZone?: string;
  /** Shortest take that counts as a review; `MIN_REVIEW_TAKE_MS` when not given. */
  minReviewMs?: number;
}

/** A review step done. */
export interface CompletedReview {
  /** 0-based index into `REVIEW_SCHEDULE_DAYS`. */
  step: number;
  dueDay: CalendarDay;
  /** The day of the take that completed it. */
  doneDay: CalendarDay;
  /** Days after the due day it was done (0 on time). */
  lateDays: number;
}

export type ReviewSchedule =
  | { status: 'not-committed' }
  | {
      status: 'scheduled';
      writtenDay: CalendarDay;
      completed: CompletedReview[];
      /** The next step, 0-based index into `REVIEW_SCHEDULE_DAYS`. */
      step: number;
      /** `REVIEW_SCHEDULE_DAYS[step]`. */
      intervalDays: number;
      /** The day the step is counted from: the written day or the last completed review. */
      anchorDay: CalendarDay;
      dueDay: CalendarDay;
      /** Days from today to the due day; negative when overdue. */
      daysUntilDue: number;
      /** Days past the due day; 0 when not overdue. */
      overdueDays: number;
      /** Due today or overdue. */
      due: boolean;
    }
  | { status: 'finished'; writtenDay: CalendarDay; completed: CompletedReview[] };

/** One line of the board's "due today" list. */
export interface DueReview {
  storyId: string;
  step: number;
  intervalDays: number;
  dueDay: CalendarDay;
  overdueDays: number;
}

/** Where one story stands in its review schedule on `options.today`. */
export function reviewSchedule(story: Omit<ScheduledStory, 'id'>, options: ScheduleOptions): ReviewSchedule {
  const { today, timeZone } = options;
  checkCalendarDay(today);
  const minReviewMs = options.minReviewMs ?? MIN_REVIEW_TAKE_MS;
  if (story.writtenAt === null) return { status: 'not-committed' };
  const writtenDay = calendarDayOf(story.writtenAt, timeZone);

  story.takes.forEach((take, index) => {
    if (!Number.isFinite(take.durationMs) || take.durationMs < 0) {
      throw new RangeError(`take ${index + 1} has no valid duration (${take.durationMs} ms)`);
    }
  });
  const days = story.takes
    .filter((take) => take.durationMs >= minReviewMs && take.drill?.correct !== false)
    .map((take) => calendarDayOf(take.date, timeZone))
    .filter((day) => day <= today)
    .sort();

  const completed: CompletedReview[] = [];
  let anchorDay = writtenDay;
  for (const day of days) {
    const step = completed.length;
    if (step === REVIEW_SCHEDULE_DAYS.length) break;
    const dueDay = addDays(anchorDay, REVIEW_SCHEDULE_DAYS[step]);
    if (day < dueDay) continue;
    completed.push({ step, dueDay, doneDay: day, lateDays: daysBetween(dueDay, day) });
    anchorDay = day;
  }

  const step = completed.length;
  if (step === REVIEW_SCHEDULE_DAYS.length) return { status: 'finished', writtenDay, completed };
  const intervalDays = REVIEW_SCHEDULE_DAYS[step];
  const dueDay = addDays(anchorDay, intervalDays);
  const daysUntilDue = daysBetween(today, dueDay);
  return {
    status: 'scheduled',
    writtenDay,
    completed,
    step,
    intervalDays,
    anchorDay,
    dueDay,
    daysUntilDue,
    overdueDays: Math.max(0, -daysUntilDue),
    due: daysUntilDue <= 0,
  };
}

/**
 * The stories due on `options.today` (today or overdue), most overdue first; stories equally
 * overdue keep the order they were given in (the board's order).
 */
export function dueToday(stories: readonly ScheduledStory[], options: ScheduleOptions): DueReview[] {
  const due: DueReview[] = [];
  for (const story of stories) {
    const schedule = reviewSchedule(story, options);
    if (schedule.status !== 'scheduled' || !schedule.due) continue;
    const { step, intervalDays, dueDay, overdueDays } = schedule;
    due.push({ storyId: story.id, step, intervalDays, dueDay, overdueDays });
  }
  return due.sort((a, b) => b.overdueDays - a.overdueDays);
}
