/** The curriculum has 24 weeks; a story's `weeks` lists the ones it draws on. */
export const FIRST_WEEK = 1;
export const LAST_WEEK = 24;

export type WeeksParse = { ok: true; weeks: number[] } | { ok: false; message: string };

/**
 * Reads weeks as people type them: numbers separated by commas or spaces ("10, 11"), and ranges
 * ("10-12" or "10–12"). Each week counts once, in the order first given. Anything else is an
 * error saying what is wrong, so an invalid list is never saved.
 */
export function parseWeeks(text: string): WeeksParse {
  const weeks: number[] = [];
  // "10 - 12" is one range: close up the spaces around a dash before splitting.
  const tokens = text
    .replace(/\s*([-–—])\s*/g, '$1')
    .split(/[,;\s]+/)
    .filter(Boolean);
  for (const token of tokens) {
    const range = /^(\d+)[-–—](\d+)$/.exec(token);
    if (range) {
      const [start, end] = [Number(range[1]), Number(range[2])];
      const bad = [start, end].find((week) => !inRange(week));
      if (bad !== undefined) return outOfRange(bad);
      if (end < start) return { ok: false, message: `“${token}” runs backwards: write ${end}–${start}` };
      for (let week = start; week <= end; week += 1) add(weeks, week);
      continue;
    }
    if (!/^\d+$/.test(token)) {
      return { ok: false, message: `“${token}” is not a week number: use whole numbers 1–24, like “10, 11”` };
    }
    const week = Number(token);
    if (!inRange(week)) return outOfRange(week);
    add(weeks, week);
  }
  return { ok: true, weeks };
}

/** Weeks as the editor shows them: "10, 11". */
export function formatWeeks(weeks: readonly number[]): string {
  return weeks.join(', ');
}

function inRange(week: number): boolean {
  return Number.isInteger(week) && week >= FIRST_WEEK && week <= LAST_WEEK;
}

function outOfRange(week: number): WeeksParse {
  return { ok: false, message: `week ${week} is outside the course: weeks run ${FIRST_WEEK}–${LAST_WEEK}` };
}

function add(weeks: number[], week: number): void {
  if (!weeks.includes(week)) weeks.push(week);
}
