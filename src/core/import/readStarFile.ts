import type { CompetencyMapRow } from '../checker/types';
import { assembleDeliverable } from '../deliverable/assembleDeliverable';
import { parseDeliverable, storyFields, type ParsedStory } from '../deliverable/parseDeliverable';
import { SECTION_KEYS } from '../story';
import { canonicalSectionText } from '../storyBody';
import { readStarStories, type ReadStory, type SourceLine } from './starReader';

export type { SourceLine } from './starReader';

/** A story of a file, with what import keeps beside its fields. */
export interface StarFileStory extends ParsedStory {
  /** Lines of the story in no field, kept under "As imported". */
  kept: SourceLine[];
  /** Questions the story answers, from a `Question:` label. */
  questions: string[];
  /** The title is the file's own words (a heading, a bold line), not made from its name. */
  titleWritten?: boolean;
}

export interface StarFile {
  source: 'file';
  stories: StarFileStory[];
  competencyMap: CompetencyMapRow[];
  hasPracticeGuide: boolean;
  /** Lines in no story that carry text (a preamble, notes), for the report. */
  setAside: SourceLine[];
  /** Why no story was found, naming what was seen; '' when stories were found. */
  nothingFound: string;
}

/** The lines of an export that are the same for every vault: the title, intro and practice guide. */
const EXPORT_TEXT = new Set(assembleDeliverable([]).split('\n'));

/**
 * The one reader of a STAR markdown file, for `check FILE` and for import alike. A deliverable
 * whose `## Story N` blocks hold the labels the export writes is read as the export wrote it (its
 * hidden hints, its competency map); any other file by the general reader (import/starReader.ts).
 * Either way every line with text is in a story's field, in its kept lines, or in `setAside`.
 */
export function readStarFile(body: string, firstLine = 1, fileTitle = ''): StarFile {
  const deliverable = parseDeliverable(body);
  const { competencyMap, hasPracticeGuide } = deliverable;
  const labelled = deliverable.stories.every((story) => SECTION_KEYS.some((key) => story.lines?.[key] !== undefined));
  if (deliverable.stories.length > 0 && labelled) {
    const mapLines = new Set(competencyMap.flatMap((row) => (row.line ? [row.line, row.line - 1, row.line - 2] : [])));
    const shift = (entry: SourceLine) => ({ ...entry, line: entry.line + firstLine - 1 });
    return {
      source: 'file',
      stories: deliverable.stories.map((story) => ({
        ...story,
        line: story.line === undefined ? undefined : story.line + firstLine - 1,
        kept: (story.unplaced ?? []).map(shift),
        questions: [],
        titleWritten: true,
      })),
      competencyMap,
      hasPracticeGuide,
      setAside: notExportText(deliverable.outside, mapLines).map(shift),
      nothingFound: '',
    };
  }
  const reading = readStarStories(body, firstLine);
  const stories = reading.stories.map((story, index) =>
    parsedStory(story, index + 1, story.title || numberedTitle(fileTitle, index, reading.stories.length)),
  );
  return {
    source: 'file',
    stories,
    competencyMap,
    hasPracticeGuide,
    setAside: reading.setAside.filter((entry) => hasText(entry.text)),
    nothingFound: stories.length ? '' : nothingFoundReason(reading.labelsSeen),
  };
}

/**
 * Lines outside the stories that are not the export's own text: its title, intro and practice
 * guide, the competency map's rows (read into question types), and any row of the table under
 * the map's header (a row whose question type is blank is still the map).
 */
function notExportText(outside: readonly SourceLine[], mapLines: ReadonlySet<number>): SourceLine[] {
  const left: SourceLine[] = [];
  let tableLine = -1;
  for (const entry of outside) {
    const row = entry.text.trimStart().startsWith('|');
    const inTable = row && entry.line === tableLine + 1;
    if (EXPORT_TEXT.has(entry.text) || mapLines.has(entry.line) || inTable) {
      if (row) tableLine = entry.line;
      continue;
    }
    if (hasText(entry.text)) left.push(entry);
  }
  return left;
}

const hasText = (text: string) => /[\p{L}\p{N}]/u.test(text);

function numberedTitle(fileTitle: string, index: number, count: number): string {
  const base = fileTitle || 'Story';
  return count > 1 || !fileTitle ? `${base} ${index + 1}` : base;
}

function nothingFoundReason(labelsSeen: string[]): string {
  const seen = [...new Set(labelsSeen)].slice(0, 4).map((label) => `\`${label}\``);
  return seen.length
    ? `no story found: found labels ${seen.join(', ')} but no Situation, Task, Action or Result text outside code blocks and guidance lines`
    : 'no story found: no story heading and no Situation, Task, Action or Result label';
}

/** Lines without the indentation they all share (text under a list item's label). */
function dedented(lines: readonly string[]): string {
  const indents = lines.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length))).join('\n');
}

function parsedStory(story: ReadStory, number: number, title: string): StarFileStory {
  return {
    number,
    title,
    ...storyFields((key) => dedented(story.parts[key] ?? []), canonicalSectionText, story.partLines),
    line: story.line,
    kept: story.kept,
    questions: story.questions,
    titleWritten: story.title !== '',
  };
}
