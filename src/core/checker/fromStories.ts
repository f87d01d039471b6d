import type { Story } from '../story';
import { tradeoffSentence } from '../tradeoffSentence';
import type { CheckInput, CheckStory } from './types';

/** Where a vault story is: its file, and the lines of its title, fields and section headings. */
export type StoryPlace = Pick<CheckStory, 'file' | 'line' | 'lines'>;

/**
 * The checker's input for a vault: stories numbered 1, 2, … in the order given (the bank's order,
 * see storyOrder.ts), the competency map made from each story's question types. The practice guide is written by the export, so a vault has one.
 * `places` (by index), where known, let findings name the file and line.
 */
export function checkInputFromStories(stories: Story[], places: StoryPlace[] = []): CheckInput {
  return {
    source: 'vault',
    stories: stories.map((story, index) => ({
      ...places[index],
      number: index + 1,
      title: story.title,
      competency: story.competency,
      metric: story.metric,
      tradeoffText: tradeoffSentence(story.tradeoff),
      alternatives: story.tradeoff.alternatives,
      sections: story.sections,
      keyPhrases: story.keyPhrases,
    })),
    competencyMap: stories.flatMap((story, index) =>
      story.questionTypes.map((questionType) => ({
        questionType,
        storyRef: `#${index + 1}`,
        keyPhrases: story.keyPhrases.join(', '),
      })),
    ),
    hasPracticeGuide: true,
  };
}
