import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDayOf,
  checkCalendarDay,
  dayInZone,
  daysBetween,
  instantMs,
} from '../../src/core/rehearsal/calendarDay';

describe('dayInZone without a zone: the system’s own', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the day Intl gives for the system zone, across DST changes and far offsets', () => {
    // Node reads TZ again when it changes, so each zone below is the system's own in turn.
    const zones = [
      'UTC',
      'America/Los_Angeles',
      'Europe/Berlin',
      'Australia/Adelaide',
      'Pacific/Chatham',
      'Pacific/Kiritimati',
    ];
    const instants: number[] = [];
    for (const iso of [
      '2025-03-09T09:59:59Z',
      '2025-03-30T00:59:59Z',
      '2025-10-26T01:00:00Z',
      '2025-12-31T23:59:59Z',
    ]) {
      const at = Date.parse(iso);
      for (let hours = -26; hours <= 26; hours += 1) instants.push(at + hours * 3_600_000);
    }
    for (const zone of zones) {
      process.env.TZ = zone;
      const system = new Intl.DateTimeFormat().resolvedOptions().timeZone;
      for (const ms of instants)
        expect(dayInZone(ms), `${new Date(ms).toISOString()} in ${zone}`).toBe(dayInZone(ms, system));
    }
    process.env.TZ = 'Pacific/Kiritimati';
    expect(dayInZone(Date.parse('2025-03-01T12:00:00Z'))).toBe('2025-03-02');
    expect(calendarDayOf('2025-03-01T12:00:00Z')).toBe('2025-03-02');
    expect(calendarDayOf('2025-03-01')).toBe('2025-03-01');
  });
});

describe('calendarDayOf', () => {
  it('places an instant on the calendar of the given zone, not the machine’s', () => {
    const late = '2025-03-01T23:30:00Z';
    expect(calendarDayOf(late, 'UTC')).toBe('2025-03-01');
    expect(calendarDayOf(late, 'Europe/Berlin')).toBe('2025-03-02');
    expect(calendarDayOf(late, 'America/Los_Angeles')).toBe('2025-03-01');
    expect(calendarDayOf('2025-03-02T00:30:00+01:00', 'UTC')).toBe('2025-03-01');
    expect(calendarDayOf('2025-03-02T00:30:00+01:00', 'Europe/Berlin')).toBe('2025-03-02');
  });

  it('reads git’s %aI and toISOString forms, with or without a colon in the offset', () => {
    expect(calendarDayOf('2025-06-10T08:00:00.123Z', 'Asia/Tokyo')).toBe('2025-06-10');
    expect(calendarDayOf('2025-06-10T20:00:00-0700', 'Asia/Tokyo')).toBe('2025-06-11');
    expect(calendarDayOf('2025-06-10 20:00:00+05:30', 'UTC')).toBe('2025-06-10');
  });

  it('reads epoch milliseconds as an instant', () => {
    const ms = Date.UTC(2025, 0, 31, 22, 0);
    expect(calendarDayOf(ms, 'UTC')).toBe('2025-01-31');
    expect(calendarDayOf(ms, 'Pacific/Auckland')).toBe('2025-02-01');
  });

  it('keeps the day written in a date or a wall-clock time without an offset', () => {
    expect(calendarDayOf('2025-03-01', 'Pacific/Kiritimati')).toBe('2025-03-01');
    expect(calendarDayOf('2025-03-01T23:59', 'Pacific/Pago_Pago')).toBe('2025-03-01');
  });

  it('is right on both sides of daylight-saving changes', () => {
    // New York: clocks go forward on 2025-03-09 at 02:00 and back on 2025-11-02 at 02:00.
    expect(calendarDayOf('2025-03-09T04:59:00Z', 'America/New_York')).toBe('2025-03-08');
    expect(calendarDayOf('2025-03-09T05:00:00Z', 'America/New_York')).toBe('2025-03-09');
    expect(calendarDayOf('2025-03-10T03:59:00Z', 'America/New_York')).toBe('2025-03-09');
    expect(calendarDayOf('2025-03-10T04:00:00Z', 'America/New_York')).toBe('2025-03-10');
    expect(calendarDayOf('2025-11-03T04:59:00Z', 'America/New_York')).toBe('2025-11-02');
    expect(calendarDayOf('2025-11-03T05:00:00Z', 'America/New_York')).toBe('2025-11-03');
  });

  it('rejects malformed dates and unknown zones with a clear error', () => {
    expect(() => calendarDayOf('yesterday', 'UTC')).toThrow('“yesterday” is not an ISO 8601 date');
    expect(() => calendarDayOf('2025-02-30', 'UTC')).toThrow(/not a day of the calendar/);
    expect(() => calendarDayOf('2025-13-01T00:00Z', 'UTC')).toThrow(RangeError);
    expect(() => calendarDayOf('2025-01-01T25:00Z', 'UTC')).toThrow(/not a time of day/);
    expect(() => calendarDayOf(Number.NaN, 'UTC')).toThrow(/epoch milliseconds/);
    expect(() => calendarDayOf(Infinity, 'UTC')).toThrow(RangeError);
    expect(() => calendarDayOf(0, 'Mars/Olympus_Mons')).toThrow(
      '“Mars/Olympus_Mons” is not a time zone this system knows',
    );
  });
});

describe('dayInZone', () => {
  it('gives the local day of an instant', () => {
    expect(dayInZone(0, 'UTC')).toBe('1970-01-01');
    expect(dayInZone(0, 'America/New_York')).toBe('1969-12-31');
  });
});

describe('instantMs', () => {
  it('orders dates of every accepted form', () => {
    expect(instantMs(5)).toBe(5);
    expect(instantMs('2025-03-01T10:00:00+01:00')).toBe(Date.UTC(2025, 2, 1, 9));
    expect(instantMs('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    expect(instantMs('2025-03-01T10:00')).toBe(Date.UTC(2025, 2, 1, 10));
    expect(instantMs('2025-03-01T10:00:00.5Z')).toBe(Date.UTC(2025, 2, 1, 10, 0, 0, 500));
  });
});

describe('day arithmetic', () => {
  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-30', 3)).toBe('2025-02-02');
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addDays('2024-02-27', 3)).toBe('2024-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-03-01', 0)).toBe('2025-03-01');
  });

  it('adds whole days across a daylight-saving change (a day is a day, not 24 hours)', () => {
    expect(addDays('2025-03-08', 3)).toBe('2025-03-11');
    expect(addDays('2025-10-25', 3)).toBe('2025-10-28');
    expect(daysBetween('2025-03-08', '2025-03-11')).toBe(3);
  });

  it('counts days between, negative backwards', () => {
    expect(daysBetween('2025-01-01', '2025-03-02')).toBe(60);
    expect(daysBetween('2025-03-02', '2025-01-01')).toBe(-60);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
  });

  it('rejects what is not a calendar day, or a fraction of a day', () => {
    expect(() => addDays('2025-1-1', 1)).toThrow(/not a calendar day/);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(/whole number of days/);
    expect(() => daysBetween('2025-02-29', '2025-03-01')).toThrow(/not a day of the calendar/);
    expect(() => checkCalendarDay('2025-01-01T00:00Z')).toThrow(RangeError);
    expect(() => checkCalendarDay('2024-02-29')).not.toThrow();
  });
});
