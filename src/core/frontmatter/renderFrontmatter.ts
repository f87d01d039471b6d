import { Document } from 'yaml';
import { fenceFrontmatter } from './fences';
import type { Story } from '../story';

/** Frontmatter for a story file the app creates, keys in the order docs/story-format.md lists. */
export function renderFrontmatter(story: Story, eol = '\n'): string {
  const doc = new Document({
    id: story.id,
    title: story.title,
    competency: story.competency,
    weeks: story.weeks,
    metric: story.metric,
    tradeoff: story.tradeoff,
    questionTypes: story.questionTypes,
    keyPhrases: story.keyPhrases,
  });
  const weeks = doc.get('weeks', true) as { flow?: boolean } | undefined;
  if (weeks) weeks.flow = true;
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n/g, eol);
  return fenceFrontmatter(yaml, eol);
}
