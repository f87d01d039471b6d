import { deepFreeze } from '../deepFreeze';
import type { Story } from '../story';
import { tradeoffSentence } from '../tradeoffSentence';
import type { CheckInput, CheckStory, CompetencyMapRow } from './types';

/** Where a vault story is: its file, and the lines of its title, fields and section headings. */
export type StoryPlace = Pick<CheckStory, 'file' | 'line' | 'lines'>;

/** A story as the checker takes it: its CheckStory and its rows of the competency map. */
type Checkable = { story: CheckStory; rows: CompetencyMapRow[] };

/**
 * The checker's input for a vault: stories numbered 1, 2, … in the order given (the bank's order,
 * see storyOrder.ts), the competency map made from each story's question types. The practice guide is written by the export, so a vault has one.
 * `places` (by index), where known, let findings name the file and line.
 */
export function checkInputFromStories(stories: Story[], places: StoryPlace[] = []): CheckInput {
  const checkables = stories.map((story, index) => checkableOf(story, index + 1, places[index]));
  return {
    source: 'vault',
    stories: checkables.map((checkable) => checkable.story),
    competencyMap: checkables.flatMap((checkable) => checkable.rows),
    hasPracticeGuide: true,
  };
}

/**
 * The same frozen objects for a story frozen all the way down (the vault's, while its file is
 * unchanged) at the same number and place, so what the checker found in them is kept (keptFor.ts).
 */
const made = new WeakMap<Story, Checkable>();

function checkableOf(story: Story, number: number, place: StoryPlace | undefined): Checkable {
  if (!frozenThrough(story)) return checkable(story, number, place);
  const kept = made.get(story);
  if (kept && kept.story.number === number && samePlace(kept.story, place)) return kept;
  // The place is copied: freezing it would freeze the caller's object.
  const frozen = deepFreeze(checkable(story, number, place && { ...place, lines: place.lines && { ...place.lines } }));
  made.set(story, frozen);
  return frozen;
}

function checkable(story: Story, number: number, place: StoryPlace | undefined): Checkable {
  const keyPhrases = story.keyPhrases.join(', ');
  return {
    story: {
      ...place,
      number,
      title: story.title,
      competency: story.competency,
      metric: story.metric,
      tradeoffText: tradeoffSentence(story.tradeoff),
      alternatives: story.tradeoff.alternatives,
      sections: story.sections,
      keyPhrases: story.keyPhrases,
    },
    rows: story.questionTypes.map((questionType) => ({ questionType, storyRef: `#${number}`, keyPhrases })),
  };
}

function frozenThrough(story: Story): boolean {
  return (
    Object.isFrozen(story) &&
    Object.isFrozen(story.sections) &&
    Object.isFrozen(story.tradeoff) &&
    Object.isFrozen(story.tradeoff.alternatives) &&
    Object.isFrozen(story.keyPhrases) &&
    Object.isFrozen(story.questionTypes)
  );
}

function samePlace(story: CheckStory, place: StoryPlace | undefined): boolean {
  if (story.file !== place?.file || story.line !== place?.line) return false;
  const a = story.lines ?? {};
  const b = place?.lines ?? {};
  const keys = Object.keys(a) as (keyof typeof a)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
