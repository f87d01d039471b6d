import type { StoryPlace } from '../checker/fromStories';
import { parseStoryBody } from '../storyBody';
import { lineOfPath, readFrontmatter } from './readFrontmatter';

/**
 * Where a story file's checked parts are: the 1-based lines of its title, metric and tradeoff
 * keys and of its section headings, for findings that name the file and line. Empty for a file
 * whose frontmatter cannot be read (such a file is not counted as a story anyway).
 */
export function storyLines(text: string): Pick<StoryPlace, 'line' | 'lines'> {
  const front = readFrontmatter(text);
  if (!front.ok || !front.found) return {};
  const lines: NonNullable<StoryPlace['lines']> = {};
  for (const key of ['metric', 'tradeoff'] as const) {
    const line = lineOfPath(front, [key]);
    if (line !== null) lines[key] = line;
  }
  const { headingLines } = parseStoryBody(front.content);
  for (const [key, bodyLine] of Object.entries(headingLines) as Array<[keyof typeof headingLines, number]>)
    lines[key] = front.contentLine + bodyLine - 1;
  return { line: lineOfPath(front, ['title']) ?? 1, lines };
}
