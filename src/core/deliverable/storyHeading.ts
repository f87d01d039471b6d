import { closingText } from '../text/markdownLine';

/**
 * `## Story #1: Title`, `## Story 1 — Title`, `### Story 1. Title` (level 1 to 4). The title is
 * cut off the rest of the line without a backtracking pattern (see text/markdownLine.ts).
 */
const STORY_HEAD = /^(#{1,4})\s+Story\s*(?:#\s*)?(\d+)\s*(?:[:.)—–-]\s*)?/i;

export interface StoryHeading {
  level: number;
  number: number;
  title: string;
}

/** The story a heading line starts, or null when the line is not a story heading. */
export function readStoryHeading(line: string): StoryHeading | null {
  const match = STORY_HEAD.exec(line);
  const title = match ? closingText(line.slice(match[0].length)) : null;
  if (!match || title === null) return null;
  return { level: match[1].length, number: Number(match[2]), title: title.replace(/^[#\s]+/, '').trim() };
}

/** The heading line the export writes for story `number`. */
export function writeStoryHeading(number: number, title: string): string {
  return `## Story #${number}: ${title.replace(/\s+/g, ' ').trim()}`;
}
