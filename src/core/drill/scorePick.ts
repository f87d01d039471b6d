/**
 * Whether a pick answers the question: any story the competency map lists for the question type
 * is right. A wrong pick is explained with the map itself: which stories it names for the type and
 * what each is about, and which types the picked story is mapped to instead.
 */
import type { DrillQuestion } from './selectQuestion';

export interface PickStory {
  id: string;
  title: string;
  competency: string;
  questionTypes: readonly string[];
  keyPhrases: readonly string[];
}

export interface PickVerdict {
  correct: boolean;
  /** The stories the map names for the question type, with what connects them to it. */
  right: Array<{ id: string; title: string; competency: string; keyPhrases: string[] }>;
  /** The question types the picked story is mapped to (why it came to mind, perhaps). */
  pickedTypes: string[];
}

export function scorePick(
  question: Pick<DrillQuestion, 'rightStoryIds'>,
  pickedId: string,
  stories: readonly PickStory[],
): PickVerdict {
  const byId = new Map(stories.map((story) => [story.id, story]));
  const right = question.rightStoryIds.flatMap((id) => {
    const story = byId.get(id);
    return story ? [{ id, title: story.title, competency: story.competency, keyPhrases: [...story.keyPhrases] }] : [];
  });
  return {
    correct: question.rightStoryIds.includes(pickedId),
    right,
    pickedTypes: [...(byId.get(pickedId)?.questionTypes ?? [])],
  };
}
