import { storyRefResolver } from '../checker/check';
import type { CheckInput, CheckStory, CompetencyMapRow } from '../checker/types';
import { SECTION_KEYS, type SectionKey } from '../story';
import { readHeading } from '../text/markdownLine';
import { shownQuestionType, splitPhraseList } from '../text/phraseList';
import { unescapeStructure } from '../text/structureEscape';
import { canonicalSectionText } from '../storyBody';
import { FIELD_LABEL_WORDS, type FieldKey } from './fieldLabels';
import { readBoldLabel, readPlainLabel } from './labelLine';
import { readStoryHeading } from './storyHeading';
import { readStoryHint, type StoryHint } from './storyHint';

type Label = FieldKey;

/** A story read from a file: what the checker needs, plus what an import keeps. */
export interface ParsedStory extends CheckStory {
  /** The `**Weeks:**` line as written, e.g. "10, 11". */
  weeksText: string;
  /** The fields an export wrote in its hidden comment, when present and well-formed. */
  hint?: StoryHint;
  /** Lines of the story in no part (before the first label, under a heading that is not one). */
  unplaced?: Array<{ text: string; line: number }>;
}

export interface ParsedDeliverable extends CheckInput {
  stories: ParsedStory[];
  /** Lines in no story: the title, a preamble, the map, the practice guide. */
  outside: Array<{ text: string; line: number }>;
}

/** `---` or `***` on a line of its own: a thematic break between stories is not part of a field. */
const THEMATIC_BREAK = /^ {0,3}([-*])(?:[ \t]*\1){2,}[ \t]*$/;

/** A heading's text without its notes in parentheses and colons ("Action (60 s):" → "Action "). */
const withoutNotes = (text: string) => text.replace(/\([^)]{0,120}\)|:/g, '');

function labelOf(word: string): Label | undefined {
  return FIELD_LABEL_WORDS[word.trim().toLowerCase()];
}

interface Block {
  number: number;
  title: string;
  level: number;
  line: number;
  lines: Array<{ text: string; line: number }>;
}

/**
 * Reads a deliverable as people write it: stories under `## Story #1: Title`, `## Story 1 — Title`
 * or `### Story 1. Title`; parts as bold labels (alone on a line or followed by text), plain
 * `Label:` lines, or headings (`### Situation`); a competency map as a table whose header names
 * the question type, story and key phrases columns in any order; LF or CRLF.
 */
export function parseDeliverable(markdown: string): ParsedDeliverable {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/);
  const blocks: Block[] = [];
  const outside: ParsedDeliverable['outside'] = [];
  let current: Block | null = null;
  let inFence = false;
  let practiceGuide = false;
  lines.forEach((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    const line = index + 1;
    const story = inFence ? null : readStoryHeading(text);
    if (story) {
      current = { ...story, line, lines: [] };
      blocks.push(current);
      return;
    }
    const heading = inFence ? null : readHeading(text);
    if (heading && /practice|rehears|timing/i.test(heading.text)) practiceGuide = true;
    // A heading at the story's level or above that is not a part label ends the story.
    if (heading && current && heading.level <= current.level && !labelOf(withoutNotes(heading.text))) current = null;
    if (current) current.lines.push({ text, line });
    else outside.push({ text, line });
  });
  if (!practiceGuide)
    practiceGuide = /\b2\s*min/i.test(markdown) && /\b15\s*s/i.test(markdown) && /\b60\s*s/i.test(markdown);

  const stories = blocks.map((block) => parseStoryParts(block.lines, block.number, block.title, block.line));
  const competencyMap = readCompetencyMap(lines);
  // A file keeps its key phrases in the map; give each story the phrases of its rows.
  const resolve = storyRefResolver(stories);
  for (const row of competencyMap) {
    const story = resolve(row.storyRef);
    if (story)
      for (const phrase of splitPhraseList(row.keyPhrases))
        if (!story.keyPhrases.includes(phrase)) story.keyPhrases.push(phrase);
  }
  return { source: 'file', stories, competencyMap, hasPracticeGuide: practiceGuide, outside };
}

/**
 * One story's labelled parts from its lines (a block of a deliverable, or a whole answer file).
 * Text before the first label, and under headings that are not labels, is not part of any field.
 */
export function parseStoryParts(
  lines: ReadonlyArray<{ text: string; line: number }>,
  number: number,
  title: string,
  line?: number,
): ParsedStory {
  const parts: Partial<Record<Label, string[]>> = {};
  const partLines: Partial<Record<Label, number>> = {};
  let label: Label | null = null;
  let hint: StoryHint | undefined;
  const unplaced: Array<{ text: string; line: number }> = [];
  for (const { text, line } of lines) {
    const hinted = label === null ? readStoryHint(text) : undefined;
    if (hinted) {
      hint = hinted;
      continue;
    }
    // `**Situation:**`, `**Situation**:`, `**Situation (15 s):** text`, `Situation:` at the start of a line.
    const heading = readHeading(text);
    const headingLabel = heading ? labelOf(withoutNotes(heading.text)) : undefined;
    const bold = heading ? null : readBoldLabel(text);
    const boldLabel = bold ? labelOf(bold.word) : undefined;
    const plain = heading || bold ? null : readPlainLabel(text);
    const plainLabel = plain ? labelOf(plain.word) : undefined;
    const found = headingLabel ?? boldLabel ?? plainLabel;
    if (found) {
      label = found;
      parts[label] = [];
      partLines[label] = line;
      const rest = (boldLabel ? bold?.rest : plainLabel ? plain?.rest : '') ?? '';
      if (rest.trim()) parts[label]!.push(rest);
      continue;
    }
    if (heading || THEMATIC_BREAK.test(text)) {
      label = null;
      if (heading) unplaced.push({ text, line });
      continue;
    }
    if (label) parts[label]!.push(text);
    else if (text.trim()) unplaced.push({ text, line });
  }
  // Section text as a story holds it (indentation kept), its heading and fence lines unescaped
  // (text/structureEscape.ts), as the export writes it.
  const fields = storyFields(
    (key) => (parts[key] ?? []).join('\n'),
    (text) => unescapeStructure(canonicalSectionText(text)),
    partLines,
  );
  return {
    number,
    title,
    ...fields,
    line,
    ...(hint ? { hint } : {}),
    ...(unplaced.length ? { unplaced } : {}),
  };
}

/**
 * A story's checked fields from the text of each labelled part (`textOf`), its sections made as a
 * story holds them by `section`, and the line of each label for findings. One builder for every
 * reader of STAR text (this parser and import/readStarFile.ts), so both give a story one shape.
 */
export function storyFields(
  textOf: (key: FieldKey) => string,
  section: (text: string) => string,
  partLines: Partial<Record<FieldKey, number>>,
): Pick<
  ParsedStory,
  'competency' | 'metric' | 'tradeoffText' | 'alternatives' | 'sections' | 'keyPhrases' | 'lines' | 'weeksText'
> {
  const sections = Object.fromEntries(SECTION_KEYS.map((key) => [key, section(textOf(key))])) as Record<
    SectionKey,
    string
  >;
  const { weeks: _weeks, competency: _competency, ...lines } = partLines;
  return {
    competency: textOf('competency').trim(),
    metric: textOf('metric').trim(),
    tradeoffText: textOf('tradeoff').trim(),
    alternatives: [],
    sections,
    keyPhrases: [],
    lines,
    weeksText: textOf('weeks').trim(),
  };
}

/** A table row's cells; `\|` is a pipe inside a cell. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, '|').trim());
}

/** The first table whose header names a question-type column and a story column. */
function readCompetencyMap(lines: string[]): CompetencyMapRow[] {
  for (let i = 0; i + 1 < lines.length; i += 1) {
    if (!lines[i].includes('|') || !/^\s*(?:\|\s*)?:?-{2,}/.test(lines[i + 1])) continue;
    const header = cells(lines[i]).map((cell) => cell.toLowerCase());
    // "Question type" wins over a "Competency" column beside it; either alone is the question column.
    let question = header.findIndex((h) => /question/.test(h));
    if (question < 0) question = header.findIndex((h) => /competenc|type/.test(h));
    const story = header.findIndex((h, index) => index !== question && /story|stories/.test(h));
    if (question < 0 || story < 0) continue;
    const phrases = header.findIndex((h) => /phrase|key/.test(h));
    const rows: CompetencyMapRow[] = [];
    for (let j = i + 2; j < lines.length && lines[j].includes('|'); j += 1) {
      const row = cells(lines[j]);
      const questionType = shownQuestionType(row[question] ?? '');
      if (!questionType) continue;
      rows.push({
        questionType,
        storyRef: (row[story] ?? '').trim(),
        keyPhrases: phrases >= 0 ? (row[phrases] ?? '') : '',
        line: j + 1,
      });
    }
    return rows;
  }
  return [];
}
