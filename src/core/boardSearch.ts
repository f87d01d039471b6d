import { SECTION_KEYS, type SectionKey, type Story } from './story';

/** The parts of a story the board's search looks in, in the order a card names them. */
export type SearchField = 'title' | 'metric' | SectionKey | 'keyPhrases';

export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  title: 'title',
  metric: 'metric',
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  keyPhrases: 'key phrases',
};

/** Lower case, accents dropped and spaces squeezed, so "Café  Paxos" finds "cafe paxos". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/**
 * The terms of a query: its words, with a "quoted phrase" kept as one term. Empty for a query of
 * only spaces (or only quotes), which matches every story.
 */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of foldForSearch(query).matchAll(/"([^"]*)"?|([^\s"]+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim();
    if (term) terms.push(term);
  }
  return terms;
}

function fieldTexts(story: Story): Array<[SearchField, string]> {
  return [
    ['title', story.title],
    ['metric', story.metric],
    ...SECTION_KEYS.map((key): [SearchField, string] => [key, story.sections[key]]),
    // A separator no term can contain, so a phrase never spans two key phrases.
    ['keyPhrases', story.keyPhrases.join('\u0000')],
  ];
}

/**
 * A term matches where a word starts, so "raft" finds "Raft" and "raft-based" but not "draft",
 * and "elect" finds "election". A term that starts with a symbol ("%", "-") matches anywhere.
 */
function termPattern(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return /^[\p{L}\p{N}]/u.test(term) ? new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}`, 'u') : new RegExp(escaped, 'u');
}

/**
 * Whether `story` has every term somewhere in its title, metric, sections or key phrases (case
 * and accents ignored, each term at the start of a word; terms may sit in different fields).
 * Returns the fields that hold a term, or null when some term is found nowhere. No terms: every
 * story matches, with no fields.
 */
export function searchStory(story: Story, terms: readonly string[]): SearchField[] | null {
  if (!terms.length) return [];
  const fields = fieldTexts(story).map(([field, text]) => [field, foldForSearch(text)] as const);
  const hit = new Set<SearchField>();
  for (const term of terms) {
    const pattern = termPattern(term);
    const holding = fields.filter(([, text]) => pattern.test(text));
    if (!holding.length) return null;
    for (const [field] of holding) hit.add(field);
  }
  return fields.map(([field]) => field).filter((field) => hit.has(field));
}

/** The records whose story matches `query`, in their order. */
export function filterBySearch<T extends { story: Story }>(records: readonly T[], query: string): T[] {
  const terms = searchTerms(query);
  return terms.length ? records.filter((record) => searchStory(record.story, terms) !== null) : [...records];
}
