import type { CompetencyId } from './competencies';
import type { Story } from './story';
import { idFromTitle, uniqueId } from './storyId';

export const NEW_STORY_TITLE = 'Untitled story';
const PLACEHOLDER_TITLE = new RegExp(`^${NEW_STORY_TITLE}(?: \\d+)?$`);
const PLACEHOLDER_ID = new RegExp(`^${idFromTitle(NEW_STORY_TITLE)}(?:-\\d+)?$`);

/** A title `newStory` gave ("Untitled story", "Untitled story 2"), which the user has not replaced. */
export const isPlaceholderTitle = (title: string): boolean => PLACEHOLDER_TITLE.test(title.trim());
/** An id `newStory` gave (`untitled-story`, `untitled-story-2`). */
export const isPlaceholderId = (id: string): boolean => PLACEHOLDER_ID.test(id);

/**
 * A blank story for a board column: every field empty, the column's competency, and a title and
 * id no other story has ("Untitled story" / `untitled-story`, then "Untitled story 2" /
 * `untitled-story-2`, …), so the id stays the title's slug and the export needs no hint for it.
 */
export function newStory(competency: CompetencyId, takenIds: ReadonlySet<string>): Story {
  const base = idFromTitle(NEW_STORY_TITLE);
  const id = uniqueId(base, takenIds);
  const number = id === base ? 1 : Number(id.slice(base.length + 1));
  return {
    id,
    title: number === 1 ? NEW_STORY_TITLE : `${NEW_STORY_TITLE} ${number}`,
    competency,
    weeks: [],
    metric: '',
    tradeoff: { chosen: '', alternatives: [], because: '', accepting: '' },
    questionTypes: [],
    keyPhrases: [],
    sections: { situation: '', task: '', action: '', result: '' },
  };
}
