import { SECTION_KEYS, SECTION_TITLES, type SectionKey, type Sections } from './story';
import { escapeStructure, unescapeStructure } from './text/structureEscape';

// One way to match each run of blanks: `[ \t]*#*[ \t]*$` took quadratic time on a long blank tail.
const SECTION_HEADING = /^##[ \t]+(situation|task|action|result)[ \t]*(?:#+[ \t]*)?$/i;
const ANY_LEVEL_TWO_HEADING = /^##[ \t]+\S/;

export interface ParsedBody {
  sections: Sections;
  /** 1-based body line of each section heading that was found. */
  headingLines: Partial<Record<SectionKey, number>>;
  /** 1-based body lines with text outside the four sections (other `##` sections, a preamble). */
  outsideLines: number[];
}

/**
 * Reads the four STAR sections from a story body. A section runs from its `## Situation` (…)
 * heading to the next level-two heading; other text before, between or after is left alone.
 * Its text is its lines without the blank lines around them, unescaped (text/structureEscape.ts).
 */
export function parseStoryBody(body: string): ParsedBody {
  // A plain split where there is no CR: the same lines, without a regular expression per file.
  const lines = body.includes('\r') ? body.split(/\r?\n/) : body.split('\n');
  const sections: Sections = { situation: '', task: '', action: '', result: '' };
  const headingLines: ParsedBody['headingLines'] = {};
  const outsideLines: number[] = [];
  let current: SectionKey | null = null;
  let buffer: string[] = [];
  const flush = (): void => {
    if (current && headingLines[current] !== undefined && sections[current] === '') {
      sections[current] = unescapeStructure(withoutBlankEdges(buffer));
    }
    buffer = [];
  };
  lines.forEach((line, index) => {
    // Both headings start with "##": most lines are prose and need neither pattern.
    if (!line.startsWith('##')) {
      if (current) buffer.push(line);
      else if (line.trim()) outsideLines.push(index + 1);
      return;
    }
    const match = SECTION_HEADING.exec(line);
    if (match || ANY_LEVEL_TWO_HEADING.test(line)) {
      flush();
      current = null;
      if (match) {
        const key = match[1].toLowerCase() as SectionKey;
        if (headingLines[key] === undefined) {
          headingLines[key] = index + 1;
          current = key;
        }
      }
      if (!current) outsideLines.push(index + 1);
      return;
    }
    if (current) buffer.push(line);
    else if (line.trim()) outsideLines.push(index + 1);
  });
  flush();
  return { sections, headingLines, outsideLines };
}

/** The body of a new story file: the four sections in STAR order. */
export function renderStoryBody(sections: Sections, eol = '\n'): string {
  return SECTION_KEYS.map(
    (key) => `## ${SECTION_TITLES[key]}${eol}${eol}${sectionFileText(sections[key], eol)}${eol}`,
  ).join(eol);
}

/** A section's text as the file holds it: canonical, escaped, with the file's line endings. */
export function sectionFileText(text: string, eol: string): string {
  const lines = escapeStructure(canonicalSectionText(text));
  return eol === '\n' ? lines : lines.replace(/\n/g, eol);
}

/**
 * The text a section reads back as once saved: line breaks as "\n" (a CR alone counts as one),
 * without blank lines (nothing but white space) at its start and end. Indentation and spaces
 * inside the text, and on its first and last lines, are kept.
 */
export function canonicalSectionText(text: string): string {
  const lines = text.includes('\r') ? text.split(/\r\n?|\n/) : text.split('\n');
  return withoutBlankEdges(lines);
}

function withoutBlankEdges(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start += 1;
  while (end > start && lines[end - 1].trim() === '') end -= 1;
  return lines.slice(start, end).join('\n');
}
