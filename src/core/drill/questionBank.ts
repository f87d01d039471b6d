/**
 * The competency map as a drill needs it: each question type the stories name (frontmatter
 * `questionTypes`) with the stories that answer it. Types that differ only in case or spacing are
 * one type, as the checker counts them (criterion 5); the first spelling met is the one shown.
 */
export interface BankStory {
  id: string;
  title: string;
  questionTypes: readonly string[];
}

export interface QuestionType {
  /** Lower case, spaces collapsed: what identifies the type across stories and drills. */
  key: string;
  /** The type as the first story naming it spells it. */
  label: string;
  /** The stories the map lists for it, in the bank's order. */
  storyIds: string[];
}

export function questionTypeKey(type: string): string {
  return type.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Whether `story` answers a question type at all: one not blank. The one rule for a card's
 * "Mapped" mark, the Drill button and the D key (a bank of none has nothing to drill).
 */
export function namesQuestionType(story: Pick<BankStory, 'questionTypes'>): boolean {
  return story.questionTypes.some((type) => questionTypeKey(type) !== '');
}

/** Every question type of the bank, in order of first appearance (story order, then frontmatter order). */
export function questionBank(stories: readonly BankStory[]): QuestionType[] {
  const types = new Map<string, QuestionType>();
  // Which stories each type has already: with 1,000 stories naming the same few types, looking
  // them up in each type's list made this quadratic, and the board's drill strip runs it on start.
  const listed = new Map<string, Set<string>>();
  for (const story of stories) {
    for (const type of story.questionTypes) {
      const key = questionTypeKey(type);
      if (!key) continue;
      let entry = types.get(key);
      let ids = listed.get(key);
      if (!entry || !ids) {
        entry = { key, label: type.replace(/\s+/g, ' ').trim(), storyIds: [] };
        ids = new Set();
        types.set(key, entry);
        listed.set(key, ids);
      }
      if (ids.has(story.id)) continue;
      ids.add(story.id);
      entry.storyIds.push(story.id);
    }
  }
  return [...types.values()];
}
