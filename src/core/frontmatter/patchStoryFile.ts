import { Document, isMap, isScalar, parseDocument } from 'yaml';
import { SECTION_KEYS, SECTION_TITLES, type SectionKey, type Story } from '../story';
import { StoryBankError } from '../apiError';
import { splitFrontmatter } from './fences';
import { SAFE_YAML } from './readFrontmatter';
import { canonicalSectionText, parseStoryBody, sectionFileText } from '../storyBody';
import { renderStoryFile } from './renderStoryFile';
import { lineBreakOf } from '../text/lineBreaks';

const META_KEYS = ['id', 'title', 'competency', 'weeks', 'metric', 'tradeoff', 'questionTypes', 'keyPhrases'] as const;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The new text of a story file after `story` is saved into it, changing only what changed: a
 * frontmatter key's own lines, a section's own text. Unknown keys, comments, other headings,
 * line endings and the final newline stay byte for byte. The fences are found by the same rule
 * the parser uses (frontmatter/fences.ts). A file that is not a story file yet (no frontmatter)
 * is written whole; one whose frontmatter is not closed or not YAML is refused, never replaced.
 * The caller checks that the result reads back as `story` (storyReadBack.ts).
 */
export function patchStoryFile(original: string, story: Story): string {
  const eol = lineBreakOf(original);
  const split = splitFrontmatter(original);
  if (split.kind === 'none') return renderStoryFile(story, eol);
  if (split.kind === 'unclosed' || (split.language && split.language.toLowerCase() !== 'yaml')) {
    throw new StoryBankError('conflict', 'the file’s frontmatter is not closed YAML; fix it in the file first');
  }
  const { yaml, yamlStart, bodyStart, body } = split;

  const edits: Edit[] = [...frontmatterEdits(yaml, yamlStart, story, eol)];
  edits.push(...bodyEdits(body, bodyStart, story, eol));
  let text = original;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return text;
}

function frontmatterEdits(yamlText: string, offset: number, story: Story, eol: string): Edit[] {
  const lfText = yamlText.replace(/\r\n/g, '\n');
  const doc = parseDocument(lfText, SAFE_YAML);
  if (doc.errors.length || !isMap(doc.contents)) return [];
  // Offsets were measured on LF text; map them back to the original (which may be CRLF).
  const toOriginal = offsetMapper(yamlText);
  const current = doc.toJS() as Record<string, unknown>;
  const edits: Edit[] = [];
  const missing: string[] = [];
  for (const key of META_KEYS) {
    const value = story[key];
    if (sameValue(current[key], value)) continue;
    const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === key);
    // An anchor other keys may refer to (`title: &t …` and `*t`) stays on the new value, so
    // their aliases still resolve; the read-back check refuses the save if a known key moved.
    const anchor = (pair?.value as { anchor?: string } | null)?.anchor;
    const rendered = renderPair(key, value, eol, anchor, Boolean(doc.contents.flow));
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
    const valueRange = (pair?.value as { range?: [number, number, number] } | null)?.range;
    if (!pair || !keyRange) {
      missing.push(rendered);
      continue;
    }
    const start = keyRange[0];
    const end = valueRange ? valueRange[1] : keyRange[1];
    // A block value's range runs through its final newline; keep that newline where it was.
    const trailing = /\n*$/.exec(lfText.slice(start, end))?.[0].length ?? 0;
    edits.push({ start: offset + toOriginal(start), end: offset + toOriginal(end - trailing), text: rendered });
  }
  if (missing.length) {
    const at = offset + yamlText.length;
    edits.push({ start: at, end: at, text: missing.map((line) => `${line}${eol}`).join('') });
  }
  return edits;
}

function bodyEdits(body: string, offset: number, story: Story, eol: string): Edit[] {
  const { sections, headingLines } = parseStoryBody(body);
  const lineStarts = [0];
  for (let i = 0; i < body.length; i += 1) if (body[i] === '\n') lineStarts.push(i + 1);
  const lines = body.split('\n');
  const edits: Edit[] = [];
  const appended: SectionKey[] = [];
  for (const key of SECTION_KEYS) {
    const wanted = canonicalSectionText(story.sections[key]);
    if (sections[key] === wanted && headingLines[key] !== undefined) continue;
    const headingLine = headingLines[key];
    if (headingLine === undefined) {
      if (wanted) appended.push(key);
      continue;
    }
    // The section's text runs from the line after its heading to the next level-two heading.
    const start = lineStarts[headingLine] ?? body.length;
    let endLine = headingLine;
    while (endLine < lines.length && !/^##[ \t]+\S/.test(lines[endLine])) endLine += 1;
    const end = endLine < lines.length ? lineStarts[endLine] : body.length;
    const content = wanted ? `${eol}${sectionFileText(wanted, eol)}` : '';
    // Before another heading: a blank line. At the end of the file: the final newline as found.
    const after = endLine < lines.length ? `${eol}${eol}` : body.endsWith('\n') ? eol : '';
    const text = wanted ? `${content}${after}` : endLine < lines.length ? eol : after;
    edits.push({ start: offset + start, end: offset + end, text });
  }
  if (appended.length) {
    const separator = body === '' || body.endsWith('\n') ? '' : eol;
    const blocks = appended.map(
      (key) => `${eol}## ${SECTION_TITLES[key]}${eol}${eol}${sectionFileText(story.sections[key], eol)}${eol}`,
    );
    const at = offset + body.length;
    edits.push({ start: at, end: at, text: `${separator}${blocks.join('')}` });
  }
  return edits;
}

/**
 * `key: value` as YAML. Inside a frontmatter written as one flow mapping (`{id: …, title: …}`),
 * in flow style, so lists stay `[…]` and text holding a comma is quoted.
 */
function renderPair(key: string, value: unknown, eol: string, anchor: string | undefined, inFlow: boolean): string {
  const doc = new Document({ [key]: value });
  if (anchor) (doc.get(key, true) as { anchor?: string }).anchor = anchor;
  if (key === 'weeks') {
    const node = doc.get(key, true) as { flow?: boolean } | undefined;
    if (node) node.flow = true;
  }
  if (inFlow && isMap(doc.contents)) doc.contents.flow = true;
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  return (inFlow ? text.slice(1, -1) : text).replace(/\n/g, eol);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Maps an offset in the LF-normalised text to the same position in the original text. */
function offsetMapper(original: string): (lfOffset: number) => number {
  if (!original.includes('\r\n')) return (offset) => offset;
  return (lfOffset) => {
    let lf = 0;
    let i = 0;
    for (; i < original.length && lf < lfOffset; i += 1) {
      if (original[i] === '\r' && original[i + 1] === '\n') continue;
      lf += 1;
    }
    return i;
  };
}
