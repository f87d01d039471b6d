import { isMap, isScalar } from 'yaml';
import type { StoryPlace } from '../../core/checker/fromStories';
import { parseStoryBody } from '../../core/storyBody';
import { readFrontmatter } from './parseStoryFile';

/** The frontmatter keys the checker's findings point at. */
const KEYS = ['title', 'metric', 'tradeoff'] as const;

/**
 * Where a story file's checked parts are: the 1-based lines of its title, metric and tradeoff
 * keys and of its section headings, for findings that name the file and line. Empty for a file
 * whose frontmatter cannot be read (such a file is not counted as a story anyway).
 */
export function storyLines(text: string): Pick<StoryPlace, 'line' | 'lines'> {
  const front = readFrontmatter(text);
  if (!front.ok || !front.found || !isMap(front.doc.contents)) return {};
  const keyLines = new Map<string, number>();
  for (const pair of front.doc.contents.items) {
    if (isScalar(pair.key) && pair.key.range && KEYS.includes(String(pair.key.value) as (typeof KEYS)[number]))
      keyLines.set(String(pair.key.value), front.fileLine(pair.key.range[0]));
  }
  const lines: NonNullable<StoryPlace['lines']> = {};
  for (const key of ['metric', 'tradeoff'] as const) {
    const line = keyLines.get(key);
    if (line !== undefined) lines[key] = line;
  }
  const { headingLines } = parseStoryBody(front.content);
  for (const [key, bodyLine] of Object.entries(headingLines) as Array<[keyof typeof headingLines, number]>)
    lines[key] = front.contentLine + bodyLine - 1;
  return { line: keyLines.get('title') ?? 1, lines };
}
