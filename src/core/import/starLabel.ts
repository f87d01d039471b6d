import { FIELD_LABEL_WORDS, type FieldKey } from '../deliverable/fieldLabels';
import type { SectionKey } from '../story';

/** A STAR section, a field Story Bank has, or text it keeps under "As imported" with its label. */
export type { FieldKey };
export type ExtraKey = 'title' | 'question' | 'context' | 'lesson' | 'follow-up' | 'tags' | 'notes';
export type LabelKey = FieldKey | ExtraKey;

export interface StarLabel {
  key: LabelKey;
  /** The label as written, without its markup ("📋 Situation (15s)"), for messages. */
  written: string;
  /** Text after the label on the same line. */
  rest: string;
  /** A note in parentheses that is not the label's own name: a timing "15s", or "what I did". */
  note: string;
  /** A line of guidance ("Situation (15s): set the scene…"), not a story's text. */
  guidance: boolean;
}

const WORDS: Record<string, LabelKey> = {
  ...FIELD_LABEL_WORDS,
  metrics: 'metric',
  tradeoffs: 'tradeoff',
  'trade-offs': 'tradeoff',
  title: 'title',
  question: 'question',
  'question this answers': 'question',
  'interview question': 'question',
  context: 'context',
  lesson: 'lesson',
  lessons: 'lesson',
  'lesson learned': 'lesson',
  'lessons learned': 'lesson',
  learning: 'lesson',
  learnings: 'lesson',
  'what i learned': 'lesson',
  reflection: 'lesson',
  'follow-up': 'follow-up',
  'follow-ups': 'follow-up',
  'follow-up questions': 'follow-up',
  'follow up questions': 'follow-up',
  'likely follow-ups': 'follow-up',
  tags: 'tags',
  notes: 'notes',
};
const LETTERS: Record<string, SectionKey> = { s: 'situation', t: 'task', a: 'action', r: 'result' };

/** Emoji and symbols people put before or after a label ("📋 Situation", "⭐ Result ✅"). */
const SYMBOLS =
  /^[\p{Extended_Pictographic}\p{So}\p{Sk}\uFE0F\u200D\s]+|[\p{Extended_Pictographic}\p{So}\p{Sk}\uFE0F\u200D\s]+$/gu;
export const TIMING = /^~?\s*\d+(?:\s*[-–]\s*\d+)?\s*(?:s|sec|secs|seconds|m|min|mins|minutes|%)\.?$/i;
const NOTE = /\s*\(([^()\n]{0,120})\)\s*/;

/**
 * The label named by `text` (markup already removed), e.g. "Situation", "S (Situation)",
 * "📋 Situation (15s)", "S — Situation". `letters` allows a bare "S"/"T"/"A"/"R", which only
 * bold text and headings may use (a plain "A:" is an answer in a Q&A file).
 */
export function labelNamed(text: string, letters: boolean): Omit<StarLabel, 'rest' | 'guidance'> | null {
  const written = text.replace(SYMBOLS, '').trim();
  let note = '';
  let name = written.replace(NOTE, (_match, inner: string) => {
    note = inner.trim();
    return ' ';
  });
  name = name.replace(/[:.]\s*$/, '').trim();
  // "S — Situation", "S: Situation" as a heading: the letter and its word name one label.
  const pair = /^([STAR])\s*[—–:-]\s*([A-Za-z]+)$/.exec(name);
  if (pair) name = pair[2];
  const lower = name.toLowerCase().replace(/\s+/g, ' ');
  const noteKey = WORDS[note.toLowerCase()];
  let key: LabelKey | undefined = WORDS[lower];
  // A bare letter is a label in bold or a heading, or when its note names it: "S (Situation):".
  if (!key && lower.length === 1 && (letters || (noteKey && LETTERS[lower] === noteKey))) key = LETTERS[lower];
  if (!key) return null;
  return { key, written, note: noteKey === key ? '' : note };
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * Guidance names a part and says briefly what goes there: a placeholder ("[…]", "…"), or after a
 * timing note words addressed to the writer ("your responsibility", "set the scene."). A told
 * part starts with a capital and speaks of what happened.
 */
export function isGuidance(note: string, rest: string): boolean {
  const text = rest.trim();
  if (!text || wordCount(text) > 15) return false;
  if (/(?:…|\.\.\.)$/.test(text) || /^[[<].*[\]>]$/.test(text)) return true;
  return TIMING.test(note) && (/^\p{Ll}/u.test(text) || /\byour?\b/i.test(text));
}

const LIST_OR_QUOTE = /^\s*(?:>\s*)*(?:[-*+]\s+|\d{1,3}[.)]\s+)?/;
/** `**Label:** rest`, `**Label**: rest`, `__Label__ rest`, `*Label:*` — the markup and the rest. */
const WRAPPED = /^(\*\*|__|\*|_)([^*_\n]{1,80}?)\1\s*(?::\s*)?/;
const PLAIN = /^([^\s:*_][^:*_\n]{0,60}?)\s*:\s*/;

/** The label a line starts with (after a list marker or `>`), or null. */
export function readLabelLine(line: string): StarLabel | null {
  const body = line.slice(LIST_OR_QUOTE.exec(line)![0].length);
  const wrapped = WRAPPED.exec(body);
  if (wrapped) {
    const named = labelNamed(wrapped[2], true);
    const colon = /:\s*$/.test(wrapped[0]) || /:\s*$/.test(wrapped[2]);
    const rest = body.slice(wrapped[0].length);
    // Bold text before prose is emphasis unless it ends in a colon or stands alone.
    if (named && (colon || !rest.trim())) return { ...named, rest, guidance: isGuidance(named.note, rest) };
  }
  const plain = PLAIN.exec(body);
  if (plain) {
    const named = labelNamed(plain[1], false);
    const rest = body.slice(plain[0].length);
    if (named) return { ...named, rest, guidance: isGuidance(named.note, rest) };
  }
  return null;
}

/** The label a heading's text names (`### 📋 Situation (15s)`, `## S — Situation`), or null. */
export function readLabelHeading(text: string): StarLabel | null {
  const named = labelNamed(text.replace(/\*\*|__/g, '').trim(), true);
  return named ? { ...named, rest: '', guidance: false } : null;
}

const INLINE =
  /(?:^|\s)(?:\*\*)?(Situation|Task|Actions?|Results?|Metric|Trade-?off)(?:\s*\(([^()\n]{0,40})\))?(?:\*\*)?:(?:\*\*)?\s*/g;

/**
 * "Situation: … Task: … Action: … Result: …" in one paragraph: the rest of a label line cut
 * where another STAR label (capitalised, with its colon) starts, each piece with its label.
 */
export function splitInlineLabels(first: StarLabel): StarLabel[] {
  const pieces: StarLabel[] = [];
  const seen = new Set<LabelKey>([first.key]);
  let current = first;
  let from = 0;
  const rest = first.rest;
  for (const match of rest.matchAll(INLINE)) {
    const named = labelNamed(match[1], false);
    if (!named || seen.has(named.key)) continue;
    seen.add(named.key);
    pieces.push({ ...current, rest: rest.slice(from, match.index).trimEnd() });
    current = { ...named, note: match[2]?.trim() ?? '', rest: '', guidance: false };
    from = match.index + match[0].length;
  }
  pieces.push({ ...current, rest: rest.slice(from) });
  // "Situation (15s): set the scene. Task (15s): your part." is guidance, piece by piece.
  return pieces.map((piece) => ({ ...piece, guidance: isGuidance(piece.note, piece.rest) }));
}
