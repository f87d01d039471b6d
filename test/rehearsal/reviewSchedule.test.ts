import { describe, expect, it } from 'vitest';
import { REVIEW_SCHEDULE_DAYS } from '../../src/core/checker/timing';
import { addDays } from '../../src/core/rehearsal/calendarDay';
import {
  dueToday,
  MIN_REVIEW_TAKE_MS,
  reviewSchedule,
  type ReviewTake,
  type ScheduleOptions,
} from '../../src/core/rehearsal/reviewSchedule';

const tz = 'Europe/Berlin';
const on = (today: string, over: Partial<ScheduleOptions> = {}): ScheduleOptions => ({ today, timeZone: tz, ...over });
/** A full take at noon Berlin time on `day`. */
const take = (day: string, durationMs = 118_000): ReviewTake => ({ date: `${day}T12:00:00+01:00`, durationMs });
const written = '2025-03-01T10:00:00+01:00';

describe('reviewSchedule', () => {
  it('makes the first review due 3 days after the story was written', () => {
    expect(reviewSchedule({ writtenAt: written, takes: [] }, on('2025-03-02'))).toEqual({
      status: 'scheduled',
      writtenDay: '2025-03-01',
      completed: [],
      step: 0,
      intervalDays: 3,
      anchorDay: '2025-03-01',
      dueDay: '2025-03-04',
      daysUntilDue: 2,
      overdueDays: 0,
      due: false,
    });
  });

  it('is due on the due day, and overdue by whole days after it', () => {
    expect(reviewSchedule({ writtenAt: written, takes: [] }, on('2025-03-04'))).toMatchObject({
      due: true,
      daysUntilDue: 0,
      overdueDays: 0,
    });
    expect(reviewSchedule({ writtenAt: written, takes: [] }, on('2025-03-09'))).toMatchObject({
      due: true,
      daysUntilDue: -5,
      overdueDays: 5,
    });
  });

  it('walks through 3, 7, 21 and 60 days when every review is on time, then is finished', () => {
    expect(REVIEW_SCHEDULE_DAYS).toEqual([3, 7, 21, 60]);
    const days = ['2025-03-04', '2025-03-11', '2025-04-01', '2025-05-31'];
    // On time, reviews fall on days 3, 10, 31 and 91 after writing.
    expect(days.map((day, i) => addDays('2025-03-01', [3, 10, 31, 91][i]))).toEqual(days);
    for (let step = 0; step < 4; step++) {
      const schedule = reviewSchedule(
        { writtenAt: written, takes: days.slice(0, step).map((d) => take(d)) },
        on(days[step]),
      );
      expect(schedule).toMatchObject({ status: 'scheduled', step, dueDay: days[step], due: true, overdueDays: 0 });
    }
    const finished = reviewSchedule({ writtenAt: written, takes: days.map((d) => take(d)) }, on('2025-12-31'));
    expect(finished).toEqual({
      status: 'finished',
      writtenDay: '2025-03-01',
      completed: days.map((day, step) => ({ step, dueDay: day, doneDay: day, lateDays: 0 })),
    });
  });

  it('counts the next step from a late review, not from the day it was due', () => {
    const schedule = reviewSchedule({ writtenAt: written, takes: [take('2025-03-08')] }, on('2025-03-10'));
    expect(schedule).toMatchObject({
      completed: [{ step: 0, dueDay: '2025-03-04', doneDay: '2025-03-08', lateDays: 4 }],
      step: 1,
      intervalDays: 7,
      anchorDay: '2025-03-08',
      dueDay: '2025-03-15',
      daysUntilDue: 5,
      due: false,
    });
  });

  it('does not count an early review: the step stays due until a take on or after its day', () => {
    const early = reviewSchedule({ writtenAt: written, takes: [take('2025-03-03')] }, on('2025-03-04'));
    expect(early).toMatchObject({ completed: [], step: 0, dueDay: '2025-03-04', due: true });
    const then = reviewSchedule(
      { writtenAt: written, takes: [take('2025-03-03'), take('2025-03-04')] },
      on('2025-03-04'),
    );
    expect(then).toMatchObject({ step: 1, anchorDay: '2025-03-04', dueDay: '2025-03-11', due: false });
  });

  it('treats takes on the day of writing, and several takes a day, as practice', () => {
    const takes = ['2025-03-01', '2025-03-01', '2025-03-05', '2025-03-05', '2025-03-06'].map((d) => take(d));
    const schedule = reviewSchedule({ writtenAt: written, takes }, on('2025-03-06'));
    expect(schedule).toMatchObject({
      completed: [{ step: 0, doneDay: '2025-03-05', lateDays: 1 }],
      dueDay: '2025-03-12',
    });
  });

  it('orders takes by date whatever order they are given in', () => {
    const takes = [take('2025-03-11'), take('2025-03-04')];
    expect(reviewSchedule({ writtenAt: written, takes }, on('2025-03-12'))).toMatchObject({
      step: 2,
      dueDay: '2025-04-01',
    });
  });

  it('does not count a false start or a zero-length take as a review', () => {
    const takes = [take('2025-03-04', 0), take('2025-03-05', MIN_REVIEW_TAKE_MS - 1)];
    expect(reviewSchedule({ writtenAt: written, takes }, on('2025-03-06'))).toMatchObject({ step: 0, overdueDays: 2 });
    const enough = [take('2025-03-05', MIN_REVIEW_TAKE_MS)];
    expect(reviewSchedule({ writtenAt: written, takes: enough }, on('2025-03-06'))).toMatchObject({ step: 1 });
    // The threshold is an option: with 0, even the zero-length take on the 4th counts.
    expect(reviewSchedule({ writtenAt: written, takes }, on('2025-03-06', { minReviewMs: 0 }))).toMatchObject({
      step: 1,
      anchorDay: '2025-03-04',
    });
  });

  it('counts a drill whose first pick was right, like any take of 30 s or more, and not one picked wrong', () => {
    const drill = (day: string, correct: boolean, durationMs = 95_000): ReviewTake => ({
      ...take(day, durationMs),
      drill: { correct },
    });
    const right = reviewSchedule({ writtenAt: written, takes: [drill('2025-03-04', true)] }, on('2025-03-05'));
    expect(right).toMatchObject({ completed: [{ step: 0, doneDay: '2025-03-04' }], step: 1, dueDay: '2025-03-11' });
    const wrong = reviewSchedule({ writtenAt: written, takes: [drill('2025-03-04', false)] }, on('2025-03-05'));
    expect(wrong).toMatchObject({ completed: [], step: 0, due: true });
    // The telling is held to the same floor as a rehearsal.
    const short = reviewSchedule(
      { writtenAt: written, takes: [drill('2025-03-04', true, MIN_REVIEW_TAKE_MS - 1)] },
      on('2025-03-05'),
    );
    expect(short).toMatchObject({ completed: [], step: 0 });
  });

  it('ignores takes after today: the schedule is the one that held on that day', () => {
    const takes = [take('2025-03-04'), take('2025-03-11')];
    expect(reviewSchedule({ writtenAt: written, takes }, on('2025-03-10'))).toMatchObject({
      step: 1,
      dueDay: '2025-03-11',
      daysUntilDue: 1,
    });
  });

  it('ignores takes from before the story was written', () => {
    const takes = [take('2025-02-20'), take('2025-02-27')];
    expect(reviewSchedule({ writtenAt: written, takes }, on('2025-03-02'))).toMatchObject({ step: 0, completed: [] });
  });

  it('stops at the last step: takes after it change nothing', () => {
    const days = ['2025-03-04', '2025-03-11', '2025-04-01', '2025-05-31', '2025-08-01'];
    expect(reviewSchedule({ writtenAt: written, takes: days.map((d) => take(d)) }, on('2025-09-01'))).toMatchObject({
      status: 'finished',
      completed: { length: 4 },
    });
  });

  it('has no schedule for a story never committed', () => {
    expect(reviewSchedule({ writtenAt: null, takes: [take('2025-03-04')] }, on('2025-03-09'))).toEqual({
      status: 'not-committed',
    });
  });

  it('takes the written day in the user’s time zone', () => {
    // 23:30 UTC on the 1st is already the 2nd in Berlin.
    const late = '2025-03-01T23:30:00Z';
    expect(reviewSchedule({ writtenAt: late, takes: [] }, on('2025-03-04'))).toMatchObject({
      writtenDay: '2025-03-02',
      dueDay: '2025-03-05',
      due: false,
    });
    expect(reviewSchedule({ writtenAt: late, takes: [] }, on('2025-03-04', { timeZone: 'UTC' }))).toMatchObject({
      writtenDay: '2025-03-01',
      dueDay: '2025-03-04',
      due: true,
    });
  });

  it('counts calendar days across daylight-saving changes, not 24-hour periods', () => {
    const ny = (today: string): ScheduleOptions => ({ today, timeZone: 'America/New_York' });
    // Written at 23:30 the evening before clocks go forward (2025-03-09): 72 hours later is already
    // 00:30 on the 12th, but the review is due on the 11th.
    const writtenAt = '2025-03-08T23:30:00-05:00';
    expect(reviewSchedule({ writtenAt, takes: [] }, ny('2025-03-11'))).toMatchObject({
      dueDay: '2025-03-11',
      due: true,
    });
    // A take at 00:15 on the 11th (local, after the change) is on the due day.
    const takes = [{ date: '2025-03-11T00:15:00-04:00', durationMs: 120_000 }];
    expect(reviewSchedule({ writtenAt, takes }, ny('2025-03-11'))).toMatchObject({
      completed: [{ step: 0, doneDay: '2025-03-11', lateDays: 0 }],
      dueDay: '2025-03-18',
    });
    // Clocks go back on 2025-11-02: 23:30 on the 1st + 3 days is the 4th.
    expect(reviewSchedule({ writtenAt: '2025-11-01T23:30:00-04:00', takes: [] }, ny('2025-11-04'))).toMatchObject({
      dueDay: '2025-11-04',
      due: true,
    });
  });

  it('accepts dates as epoch milliseconds and plain days', () => {
    const writtenAt = Date.UTC(2025, 2, 1, 9);
    const takes = [{ date: '2025-03-04', durationMs: 60_000 }];
    expect(reviewSchedule({ writtenAt, takes }, on('2025-03-04'))).toMatchObject({ step: 1, dueDay: '2025-03-11' });
  });

  it('rejects a malformed today, date or duration', () => {
    expect(() => reviewSchedule({ writtenAt: written, takes: [] }, on('4 March'))).toThrow(/not a calendar day/);
    expect(() => reviewSchedule({ writtenAt: 'soon', takes: [] }, on('2025-03-04'))).toThrow(/ISO 8601/);
    expect(() =>
      reviewSchedule({ writtenAt: written, takes: [{ date: 'x', durationMs: 60_000 }] }, on('2025-03-04')),
    ).toThrow(RangeError);
    expect(() =>
      reviewSchedule({ writtenAt: written, takes: [{ date: written, durationMs: Number.NaN }] }, on('2025-03-04')),
    ).toThrow(/take 1 has no valid duration/);
    expect(() =>
      reviewSchedule({ writtenAt: written, takes: [] }, { today: '2025-03-04', timeZone: 'Nowhere/Special' }),
    ).toThrow(/time zone/);
  });
});

describe('dueToday', () => {
  const stories = [
    { id: 'raft', writtenAt: '2025-03-01T10:00:00+01:00', takes: [] },
    { id: 'tls', writtenAt: '2025-02-20T10:00:00+01:00', takes: [] },
    { id: 'draft', writtenAt: null, takes: [] },
    { id: 'fresh', writtenAt: '2025-03-05T10:00:00+01:00', takes: [] },
    { id: 'slo', writtenAt: '2025-03-01T18:00:00+01:00', takes: [] },
    {
      id: 'done',
      writtenAt: '2025-01-01',
      takes: ['2025-01-04', '2025-01-11', '2025-02-01', '2025-04-02'].map((d) => take(d)),
    },
    { id: 'reviewed', writtenAt: '2025-02-25', takes: [take('2025-02-28')] },
  ];

  it('lists stories due today or overdue, most overdue first, others in the order given', () => {
    expect(dueToday(stories, on('2025-03-06'))).toEqual([
      { storyId: 'tls', step: 0, intervalDays: 3, dueDay: '2025-02-23', overdueDays: 11 },
      { storyId: 'raft', step: 0, intervalDays: 3, dueDay: '2025-03-04', overdueDays: 2 },
      { storyId: 'slo', step: 0, intervalDays: 3, dueDay: '2025-03-04', overdueDays: 2 },
    ]);
  });

  it('includes a later step once it comes due', () => {
    expect(dueToday(stories, on('2025-03-07')).map((d) => [d.storyId, d.step, d.overdueDays])).toEqual([
      ['tls', 0, 12],
      ['raft', 0, 3],
      ['slo', 0, 3],
      ['reviewed', 1, 0],
    ]);
  });

  it('is empty when nothing is due', () => {
    expect(dueToday(stories, on('2025-02-21'))).toEqual([]);
    expect(dueToday([], on('2025-02-21'))).toEqual([]);
  });
});
