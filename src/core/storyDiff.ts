import { SECTION_KEYS, SECTION_TITLES, type Story } from './story';

export interface FieldDifference {
  field: string;
  label: string;
  mine: string;
  theirs: string;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
}

/** The fields in which two versions of a story differ, labelled for people. */
export function storyDifferences(mine: Story, theirs: Story): FieldDifference[] {
  const fields: Array<[string, string, unknown, unknown]> = [
    ['title', 'Title', mine.title, theirs.title],
    ['competency', 'Competency', mine.competency, theirs.competency],
    ['weeks', 'Weeks', mine.weeks, theirs.weeks],
    ['metric', 'Metric', mine.metric, theirs.metric],
    ['tradeoff.chosen', 'Tradeoff: chosen', mine.tradeoff.chosen, theirs.tradeoff.chosen],
    ['tradeoff.alternatives', 'Tradeoff: alternatives', mine.tradeoff.alternatives, theirs.tradeoff.alternatives],
    ['tradeoff.because', 'Tradeoff: because', mine.tradeoff.because, theirs.tradeoff.because],
    ['tradeoff.accepting', 'Tradeoff: accepting', mine.tradeoff.accepting, theirs.tradeoff.accepting],
    ['questionTypes', 'Question types', mine.questionTypes, theirs.questionTypes],
    ['keyPhrases', 'Key phrases', mine.keyPhrases, theirs.keyPhrases],
    ...SECTION_KEYS.map((key): [string, string, unknown, unknown] => [
      `sections.${key}`,
      SECTION_TITLES[key],
      mine.sections[key],
      theirs.sections[key],
    ]),
  ];
  return fields
    .filter(([, , a, b]) => show(a) !== show(b))
    .map(([field, label, a, b]) => ({ field, label, mine: show(a), theirs: show(b) }));
}
