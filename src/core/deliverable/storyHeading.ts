/** `## Story #1: Title`, `## Story 1 — Title`, `### Story 1. Title` (level 1 to 4). */
const STORY_HEADING = /^(#{1,4})\s+Story\s*#?\s*(\d+)\s*(?:[:.)—–-]\s*)?(.*?)\s*#*\s*$/i;

export interface StoryHeading {
  level: number;
  number: number;
  title: string;
}

/** The story a heading line starts, or null when the line is not a story heading. */
export function readStoryHeading(line: string): StoryHeading | null {
  const match = STORY_HEADING.exec(line);
  if (!match) return null;
  return { level: match[1].length, number: Number(match[2]), title: match[3].replace(/^[#\s]+/, '').trim() };
}

/** The heading line the export writes for story `number`. */
export function writeStoryHeading(number: number, title: string): string {
  return `## Story #${number}: ${title.replace(/\s+/g, ' ').trim()}`;
}
