import type { SectionKey } from '../story';

/** A STAR section or a field Story Bank has: what a label in a deliverable can name. */
export type FieldKey = SectionKey | 'metric' | 'tradeoff' | 'competency' | 'weeks';

/**
 * The words a deliverable's labels use, lower-cased. The import's reader (import/starLabel.ts)
 * knows more words on top of these, so a label the checker reads is read the same way by import.
 */
export const FIELD_LABEL_WORDS: Readonly<Record<string, FieldKey>> = {
  situation: 'situation',
  task: 'task',
  action: 'action',
  actions: 'action',
  result: 'result',
  results: 'result',
  metric: 'metric',
  tradeoff: 'tradeoff',
  'trade-off': 'tradeoff',
  'trade off': 'tradeoff',
  competency: 'competency',
  competencies: 'competency',
  week: 'weeks',
  weeks: 'weeks',
};
