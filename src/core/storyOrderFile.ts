import { STORY_ID_PATTERN } from './story';

/**
 * The vault's order file: the deliverable's order of the stories, by id, written when the user
 * reorders them (see docs/story-format.md). Next to the stories it orders and committed with them;
 * nothing that reads `stories/*.md` sees it.
 */
export const STORY_ORDER_FILE = 'stories/order.json';
/** Far more than any bank's ids; a larger file is not an order file. */
export const MAX_ORDER_FILE_BYTES = 256 * 1024;

export type ParsedStoryOrder = { ok: true; ids: string[] } | { ok: false; message: string };

/**
 * Reads the order file's text: `{"order": ["story-id", …]}`. An entry that is not a story id is
 * skipped (so is a repeated one), like an id no story has; a file that is not that shape at all
 * is refused with what is wrong, and the caller falls back to the default order.
 */
export function parseStoryOrder(text: string): ParsedStoryOrder {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, message: `it is not valid JSON (${(error as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, message: 'expected an object like {"order": ["story-id", …]}' };
  const order = (data as { order?: unknown }).order;
  if (!Array.isArray(order))
    return { ok: false, message: 'expected an "order" list of story ids, like {"order": ["story-id", …]}' };
  const ids = order.filter((id): id is string => typeof id === 'string' && STORY_ID_PATTERN.test(id));
  return { ok: true, ids: [...new Set(ids)] };
}

/** The file's text for `ids`: one id a line, so a reorder reads as a small diff in git. */
export function formatStoryOrder(ids: readonly string[]): string {
  return `${JSON.stringify({ order: ids }, null, 2)}\n`;
}
