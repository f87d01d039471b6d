/**
 * Local calendar days: turning commit and take dates into the days a person lives in, and counting
 * days between them.
 *
 * Why: "due 3 days after it was written" means three calendar days on the user's wall calendar, not
 * 72 hours. Counting in milliseconds goes wrong around midnight and on the two days a year with 23 or
 * 25 hours (a story written at 23:30 the evening before clocks go forward would come due a day late).
 * So dates become calendar days (`YYYY-MM-DD`) in an explicit time zone, and day arithmetic is done
 * on the calendar, where every day is one day. Nothing here reads the clock or the machine's zone:
 * the caller passes both.
 *
 * Dates are accepted as:
 * - epoch milliseconds: an instant;
 * - an ISO 8601 date-time with `Z` or an offset (`2025-03-01T09:30:00+01:00`, what git's `%aI` and
 *   `Date.prototype.toISOString` give): an instant;
 * - an ISO date (`2025-03-01`): already a calendar day;
 * - an ISO date-time without an offset (`2025-03-01T09:30`): a wall-clock time, so its date is its
 *   calendar day; as an instant (for ordering only) it is read as UTC.
 */

/** A calendar day, `YYYY-MM-DD`. */
export type CalendarDay = string;

/** A date as the app stores it: epoch milliseconds or an ISO 8601 string. */
export type DateInput = string | number;

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

interface Parsed {
  /** The calendar day written in the string, when it is a date or a wall-clock time. */
  day?: CalendarDay;
  /** The instant, when the input names one. */
  ms?: number;
  /** The instant to order by (UTC for wall-clock strings). */
  orderMs: number;
}

function dayFromUtc(ms: number): CalendarDay {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcOfDay(day: CalendarDay): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`“${day}” is not a calendar day (YYYY-MM-DD)`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (dayFromUtc(ms) !== day) throw new RangeError(`“${day}” is not a day of the calendar`);
  return ms;
}

function parse(input: DateInput): Parsed {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || Math.abs(input) > 8.64e15) {
      throw new RangeError(`${input} is not a time in epoch milliseconds`);
    }
    return { ms: input, orderMs: input };
  }
  const match = ISO.exec(input.trim());
  if (!match) throw new RangeError(`“${input}” is not an ISO 8601 date`);
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  const dayMs = utcOfDay(day);
  const [hours, minutes, seconds] = [match[4], match[5], match[6]].map((part) => Number(part ?? 0));
  if (hours > 23 || minutes > 59 || seconds > 59) throw new RangeError(`“${input}” is not a time of day`);
  const fraction = match[7] ? Math.round(Number(match[7]) * 1000) : 0;
  const wallMs = dayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
  const zone = match[8];
  if (!zone) return { day, orderMs: wallMs };
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const ms = wallMs - offsetMinutes * 60_000;
  return { ms, orderMs: ms };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        calendar: 'gregory',
        numberingSystem: 'latn',
      });
    } catch {
      throw new RangeError(`“${timeZone}” is not a time zone this system knows`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar day an instant falls on in `timeZone` (an IANA name such as `Europe/Berlin`), or
 * in the system's own zone when it is not given. The system's zone is read from Date's local
 * fields, not through an Intl formatter: the first formatter a page makes starts ICU's date
 * formatting, about 35 ms the board would otherwise wait for at start-up.
 */
export function dayInZone(ms: number, timeZone?: string): CalendarDay {
  if (timeZone === undefined) {
    const date = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  }
  const parts = formatterFor(timeZone).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(part('year'));
  // Years before 1000 or after 9999 are beyond what the app records; pad for a well-formed day.
  return `${String(year).padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * The calendar day of a date in `timeZone` (the system's own when not given): an instant is placed
 * in the zone, a date or wall-clock time keeps the day it names.
 *
 * @throws RangeError for a malformed date or an unknown time zone.
 */
export function calendarDayOf(input: DateInput, timeZone?: string): CalendarDay {
  const parsed = parse(input);
  if (parsed.day !== undefined) return parsed.day;
  return dayInZone(parsed.orderMs, timeZone);
}

/** An instant to sort dates by (date-only and wall-clock strings are read as UTC). */
export function instantMs(input: DateInput): number {
  return parse(input).orderMs;
}

/** Throws unless `day` is a real calendar day written `YYYY-MM-DD`. */
export function checkCalendarDay(day: CalendarDay): void {
  utcOfDay(day);
}

/** `day` moved by `days` calendar days (negative moves back). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  if (!Number.isInteger(days)) throw new RangeError(`${days} is not a whole number of days`);
  return dayFromUtc(utcOfDay(day) + days * DAY_MS);
}

/** Calendar days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((utcOfDay(to) - utcOfDay(from)) / DAY_MS);
}
