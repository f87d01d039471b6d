/**
 * Cards a board column builds at first, and how many more each "Show more" adds. A vault of a
 * thousand stories would otherwise build a thousand cards (each with its marks and menu) before
 * the board could be used. A column of this many is taller than a 1080-pixel screen (the columns
 * stand four abreast, in two rows), so what is built at first is about what can be seen.
 */
export const BOARD_PAGE_SIZE = 10;

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
