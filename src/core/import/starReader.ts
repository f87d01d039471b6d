import { Lexer, type Token } from 'marked';
import { SECTION_KEYS } from '../story';
import { readHeading } from '../text/markdownLine';
import {
  readLabelHeading,
  readLabelLine,
  splitInlineLabels,
  TIMING,
  type FieldKey,
  type LabelKey,
  type StarLabel,
} from './starLabel';

export interface SourceLine {
  text: string;
  line: number;
}

/** One story as the reader found it, before its parts become fields. */
export interface ReadStory {
  /** From its heading, a `Title:` label or a bold line before it; '' when it has none. */
  title: string;
  line: number;
  parts: Partial<Record<FieldKey, string[]>>;
  partLines: Partial<Record<FieldKey, number>>;
  /** Lines of the story that are in no field: kept word for word under "As imported". */
  kept: SourceLine[];
  /** What a `Question:` label asked. */
  questions: string[];
}

export interface StarReading {
  stories: ReadStory[];
  /** Lines outside every story (a preamble, an appendix), listed in the report. */
  setAside: SourceLine[];
  /** The labels seen, as written, to say what was found when no story was. */
  labelsSeen: string[];
}

type Item =
  | { kind: 'heading'; level: number; text: string; line: number; raw: string }
  | { kind: 'label'; label: StarLabel; line: number; raw: string }
  | { kind: 'text'; line: number; raw: string; rule: boolean; end?: boolean };

const SECTIONS = new Set<LabelKey>(SECTION_KEYS);
const FIELDS = new Set<LabelKey>([...SECTION_KEYS, 'metric', 'tradeoff', 'competency', 'weeks']);

type LineKind = 'prose' | 'verbatim' | 'heading' | 'rule' | 'end';

/**
 * What each line is, from marked's block lexer: a code fence, HTML or a table is kept verbatim
 * (a label inside a fenced template is not a label); headings and rules are structure.
 */
function lineKinds(lines: string[], depth = 0): Array<{ kind: LineKind; level?: number; text?: string }> {
  const kinds = lines.map(() => ({ kind: 'prose' as LineKind }) as { kind: LineKind; level?: number; text?: string });
  const source = lines.join('\n');
  let tokens: Token[];
  try {
    tokens = new Lexer().lex(source);
  } catch {
    return kinds;
  }
  let offset = 0;
  let line = 0;
  for (const token of tokens) {
    if (source.slice(offset, offset + token.raw.length) !== token.raw) break; // the lexer rewrote text
    const span = token.raw.replace(/\n+$/, '').split('\n').length;
    const mark = (kind: LineKind, extra: { level?: number; text?: string } = {}) => {
      for (let i = line; i < line + span && i < lines.length; i += 1) kinds[i] = { kind, ...extra };
    };
    if (token.type === 'code' && depth === 0 && unclosedFence(token)) {
      // A stray fence (never closed) would swallow the rest of the file: it is a line of text.
      const rest = lineKinds(lines.slice(line + 1, line + span), depth + 1);
      mark('prose');
      rest.forEach((kind, index) => (kinds[line + 1 + index] = kind));
    } else if (token.type === 'code' && depth === 0 && holdsStory(token)) {
      // A story shown as an example in a ```markdown block is a story; its fences are structure.
      const inner = lineKinds(lines.slice(line + 1, line + span - 1), depth + 1);
      mark('rule');
      // The opening fence may name its language ("```markdown"): a line of text, not imported.
      kinds[line] = { kind: 'prose' };
      // The closing fence ends the example: what follows is not part of its story.
      kinds[line + span - 1] = { kind: 'end' };
      inner.forEach((kind, index) => (kinds[line + 1 + index] = kind));
    } else if (token.type === 'code' || token.type === 'html' || token.type === 'table') mark('verbatim');
    else if (token.type === 'hr') mark('rule');
    else if (token.type === 'heading') {
      mark('rule');
      kinds[line] = { kind: 'heading', level: token.depth, text: token.text };
    }
    offset += token.raw.length;
    line += (token.raw.match(/\n/g) ?? []).length;
  }
  return kinds;
}

/** A fenced block whose closing fence never comes (marked runs it to the end of the file). */
function unclosedFence(token: Token): boolean {
  if (token.type !== 'code') return false;
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(token.raw);
  if (!open) return false;
  const last = token.raw.replace(/\n+$/, '').split('\n');
  return last.length < 2 || !last[last.length - 1].trim().startsWith(open[1]);
}

/**
 * A fenced block (markdown or no language) holding a told story: two or more STAR labels with
 * text after them. A blank template (labels and placeholders) is not one.
 */
function holdsStory(token: Token): boolean {
  if (token.type !== 'code' || !/^(?:markdown|md|)$/i.test((token.lang ?? '').trim())) return false;
  if (!/^ {0,3}(```|~~~)/.test(token.raw)) return false;
  const told = readStarStories(token.text, 1, 1).stories.flatMap((story) =>
    SECTION_KEYS.filter((key) => (story.parts[key] ?? []).join(' ').split(/\s+/).filter(Boolean).length >= 4),
  );
  return told.length >= 2;
}

function itemsOf(lines: string[], firstLine: number, depth: number): { items: Item[]; labelsSeen: string[] } {
  const kinds = lineKinds(lines, depth);
  const items: Item[] = [];
  const labelsSeen: string[] = [];
  lines.forEach((raw, index) => {
    const line = firstLine + index;
    const { kind, level, text } = kinds[index];
    if (kind === 'heading') {
      const headingText = readHeading(raw)?.text ?? text ?? raw;
      const label = readLabelHeading(headingText);
      if (label) {
        labelsSeen.push(raw.trim());
        items.push({ kind: 'label', label, line, raw });
      } else items.push({ kind: 'heading', level: level ?? 1, text: headingText, line, raw });
      return;
    }
    const label = kind === 'prose' ? readLabelLine(raw) : null;
    if (label) {
      labelsSeen.push(
        raw
          .trim()
          .slice(0, raw.trim().length - label.rest.length)
          .trim(),
      );
      for (const piece of label.guidance ? [label] : splitInlineLabels(label))
        items.push({ kind: 'label', label: piece, line, raw });
      return;
    }
    items.push({ kind: 'text', line, raw, rule: kind === 'rule' || kind === 'end', end: kind === 'end' });
  });
  return { items, labelsSeen };
}

const isStarLabel = (item: Item) => item.kind === 'label' && SECTIONS.has(item.label.key) && !item.label.guidance;

/**
 * The headings with a STAR label under them (before the next heading at their level or above),
 * in one pass: a label marks every heading still open above it.
 */
function owningHeadings(items: Item[]): Set<Item> {
  const owning = new Set<Item>();
  const open: Array<Extract<Item, { kind: 'heading' }>> = [];
  for (const item of items) {
    if (item.kind === 'heading') {
      while (open.length && open[open.length - 1].level >= item.level) open.pop();
      open.push(item);
    } else if (isStarLabel(item)) for (const heading of open) owning.add(heading);
  }
  return owning;
}

/**
 * The heading level that starts stories: of the headings (not labels) that have a STAR label
 * under them, the level with the most such headings; a tie goes to the outer level.
 */
function storyLevel(items: Item[], owning: ReadonlySet<Item>): number | undefined {
  const counts = new Map<number, number>();
  for (const item of owning) if (item.kind === 'heading') counts.set(item.level, (counts.get(item.level) ?? 0) + 1);
  // Numbered or "Story" headings win a tie; otherwise the outer level does.
  const storyish = (level: number) =>
    items.some((item) => item.kind === 'heading' && item.level === level && STORYISH.test(storyTitleSource(item.text)));
  let best: number | undefined;
  for (const [level, count] of [...counts].sort((a, b) => a[0] - b[0]))
    if (
      best === undefined ||
      count > counts.get(best)! ||
      (count === counts.get(best)! && storyish(level) && !storyish(best))
    )
      best = level;
  return best;
}

const STORYISH = /^(?:story\b|#?\d{1,3}\s*[.):—–-])/i;
const storyTitleSource = (text: string) =>
  text.replace(/\*\*|__/g, '').replace(/^[\p{Extended_Pictographic}\p{So}\uFE0F\u200D\s]+/u, '');

/** A heading's title without a "Story 3:" or "1." number, emoji or bold markup. */
export function storyTitle(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .replace(/^[\p{Extended_Pictographic}\p{So}\uFE0F\u200D\s]+/u, '')
    .replace(/^(?:story\s*)?#?\s*\d{1,3}\s*[:.)—–-]?\s*/i, '')
    .trim();
}

const BOLD_LINE = /^\s*(\*\*|__)([^*_\n]{1,120})\1\s*$/;

/**
 * Reads the STAR stories people write: stories under headings of any level and numbering, or
 * separated by `---`, or one after another (a new Situation after a Result starts the next);
 * labels as headings, bold, list items, emoji or letters, or inline in one paragraph. Every
 * line ends up in a story's field, in its kept lines, or in `setAside`.
 */
export function readStarStories(body: string, firstLine = 1, depth = 0): StarReading {
  const lines = body.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { items, labelsSeen } = itemsOf(lines, firstLine, depth);
  const owning = owningHeadings(items);
  const level = storyLevel(items, owning);
  const stories: ReadStory[] = [];
  const setAside: SourceLine[] = [];
  let story: ReadStory | null = null;
  let part: LabelKey | null = null;
  // Lines after a `---` wait: they open the next story if a new Situation follows.
  let pending: SourceLine[] | null = null;

  const keep = (entry: SourceLine) => (story ? story.kept : setAside).push(entry);
  const flushPending = () => {
    for (const entry of pending ?? []) if (entry.text.trim()) keep(entry);
    pending = null;
  };
  const start = (title: string, line: number, opening: SourceLine[] = []) => {
    story = { title, line, parts: {}, partLines: {}, kept: [], questions: [] };
    stories.push(story);
    part = null;
    const lines = opening.filter((entry) => entry.text.trim());
    const bold = lines.length && !title ? BOLD_LINE.exec(lines[0].text) : null;
    if (bold) {
      story.title = bold[2].trim();
      lines.shift();
    }
    story.kept.push(...lines);
  };

  for (const item of items) {
    const entry = { text: item.raw, line: item.line };
    if (item.kind === 'heading') {
      const owns = level !== undefined && item.level <= level;
      if (owns) {
        flushPending();
        if (item.level === level && owning.has(item)) start(storyTitle(item.text), item.line);
        else {
          story = null;
          part = null;
          setAside.push(entry);
        }
        continue;
      }
      flushPending();
      keep(entry);
      part = 'notes';
      continue;
    }
    if (item.kind === 'label') {
      const { label } = item;
      if (label.guidance) {
        flushPending();
        keep(entry);
        part = null;
        continue;
      }
      const current = story as ReadStory | null;
      // A "Notes:" or "Context:" line outside any story does not start one.
      if (!current && !FIELDS.has(label.key)) {
        flushPending();
        setAside.push(entry);
        part = null;
        continue;
      }
      const hasSection = current && SECTION_KEYS.some((key) => current.parts[key]);
      if (!current || (label.key === 'situation' && hasSection)) {
        const opening = pending ?? [];
        pending = null;
        if (!current) for (const line of opening) if (line.text.trim()) setAside.push(line);
        // A bold line just before the first label of a story without a heading is its title.
        const before = !current ? setAside.at(-1) : undefined;
        const bold = before && before.line >= item.line - 2 ? BOLD_LINE.exec(before.text) : null;
        if (bold) setAside.pop();
        start(bold ? bold[2].trim() : '', item.line, current ? opening : []);
      } else flushPending();
      const target = story as unknown as ReadStory;
      part = label.key;
      if (label.note && !TIMING.test(label.note)) target.kept.push(entry);
      if (FIELDS.has(label.key)) {
        const key = label.key as FieldKey;
        if (target.parts[key]) target.parts[key]!.push('');
        else {
          target.parts[key] = [];
          target.partLines[key] = item.line;
        }
        if (label.rest.trim()) target.parts[key]!.push(label.rest);
      } else if (label.key === 'title' && !target.title && label.rest.trim()) target.title = label.rest.trim();
      else {
        if (label.key === 'question' && label.rest.trim()) target.questions.push(label.rest.trim());
        if (!target.kept.includes(entry)) target.kept.push(entry);
      }
      continue;
    }
    if (item.kind === 'text' && item.end) {
      flushPending();
      story = null;
      part = null;
      continue;
    }
    if (item.rule) {
      if (story) pending = pending ?? [];
      part = null;
      continue;
    }
    if (pending) pending.push(entry);
    else if (story && part && FIELDS.has(part)) (story as ReadStory).parts[part as FieldKey]!.push(item.raw);
    else if (item.raw.trim()) keep(entry);
  }
  flushPending();
  return withoutPartless(stories, setAside, lines, firstLine, labelsSeen);
}

/**
 * A story is one with a STAR part: a block with only a Competency or Metric line is not, and
 * all its lines are set aside instead.
 */
function withoutPartless(
  stories: ReadStory[],
  setAside: SourceLine[],
  lines: string[],
  firstLine: number,
  labelsSeen: string[],
): StarReading {
  const kept = stories.filter((story) => SECTION_KEYS.some((key) => story.parts[key]));
  if (kept.length === stories.length) return { stories, setAside, labelsSeen };
  const aside = [...setAside];
  stories.forEach((story, index) => {
    if (kept.includes(story)) return;
    const end = stories[index + 1]?.line ?? firstLine + lines.length;
    for (let line = story.line; line < end; line += 1)
      if (lines[line - firstLine].trim()) aside.push({ text: lines[line - firstLine], line });
  });
  return { stories: kept, setAside: aside.sort((a, b) => a.line - b.line), labelsSeen };
}
