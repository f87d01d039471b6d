/**
 * Cards a board column builds at first, and how many more each "Show more" adds. A vault of a
 * thousand stories would otherwise build a thousand cards (each with its marks and menu) before
 * the board could be used. A column of this many is taller than a 1080-pixel screen (the columns
 * stand four abreast, in two rows; at 1920×1080 about four cards of each top column show), so
 * what is built at first is about what can be seen. Each card built costs the first screen about
 * a millisecond: ten a column (80 cards) made the start with 1,000 stories some 80 ms slower.
 */
export const BOARD_PAGE_SIZE = 6;

/** About where the columns' first cards start on screen, below the header and the board's strips. */
const FIRST_CARD_TOP_PX = 200;
/** About the height of a card with a metric, a week line and its marks, with the gap below it. */
const CARD_PX = 200;

/**
 * Cards a column builds for the board's first frame, on a window `viewportHeight` pixels tall:
 * those it shows, about (3 at 800 pixels, where 2 show; 5 at 1080, where 4 show). The rest of a
 * column's first page is built once that frame has been painted: with 1,000 stories, half the
 * cards were built and styled below the fold before anything could show. A bank of short cards
 * on a tall window fills its last cards in a frame later.
 */
export function firstScreenCards(viewportHeight: number): number {
  const fit = Math.ceil((viewportHeight - FIRST_CARD_TOP_PX) / CARD_PX);
  return Math.max(1, Math.min(BOARD_PAGE_SIZE, fit));
}

/** How many of a column's cards to build: `limit`, or at most `firstScreen` before the first paint. */
export function cardLimit(limit: number, firstScreen: number | null): number {
  return firstScreen === null ? limit : Math.min(limit, firstScreen);
}

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
