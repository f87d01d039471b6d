/**
 * Cards a board column builds at first, and how many more each "Show more" adds. A vault of a
 * thousand stories would otherwise build a thousand cards (each with its marks and menu) before
 * the board could be used. A column of this many is taller than a 1080-pixel screen (the columns
 * stand four abreast, in two rows; at 1920×1080 about four cards of each top column show), so
 * what is built at first is about what can be seen. Each card built costs the first screen about
 * a millisecond: ten a column (80 cards) made the start with 1,000 stories some 80 ms slower.
 */
export const BOARD_PAGE_SIZE = 6;

/**
 * The stories of a column to build as cards, in column order: the first `limit`, and any `pinned`
 * one further down (the open story, one being moved), so a story chosen elsewhere (search, the
 * editor, a review reminder) always has its card. `hidden` is how many are left unbuilt.
 */
export function cardsToBuild<T extends { story: { id: string } }>(
  records: readonly T[],
  limit: number,
  pinned: ReadonlySet<string>,
): { built: T[]; hidden: number } {
  const built = records.filter((record, index) => index < limit || pinned.has(record.story.id));
  return { built, hidden: records.length - built.length };
}
