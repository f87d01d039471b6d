import type { CompetencyId } from './competencies';
import type { Story } from './story';
import { idFromTitle, uniqueId } from './storyId';

export const NEW_STORY_TITLE = 'Untitled story';

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
