import { COMPETENCIES } from '../../src/core/competencies';
import { renderStoryFile } from '../../src/core/frontmatter/renderStoryFile';
import { sampleStory } from './sampleStory';

const pad = (n: number) => String(n).padStart(5, '0');

/** A deliverable-like file with `count` "## Story N" headings, each a short answer (10,000: 740 KB). */
export function deliverableWithStories(count: number): string {
  const stories = Array.from(
    { length: count },
    (_, i) => `## Story ${i + 1}: Generated story ${pad(i + 1)}\n**Action:** A.\n**Metric:** ${i + 1} ms\n`,
  );
  return `# Interview story bank\n\n${stories.join('\n')}`;
}

/**
 * `count` valid story files (name and text), spread over the eight competencies in turn, with
 * titles "Generated story 00001" and on, so each one can be searched for by its number.
 */
export function generatedStoryFiles(count: number): Array<{ name: string; text: string }> {
  return Array.from({ length: count }, (_, i) => {
    const n = pad(i + 1);
    const story = sampleStory({
      id: `generated-story-${n}`,
      title: `Generated story ${n}`,
      competency: COMPETENCIES[i % COMPETENCIES.length].id,
      metric: `${i + 1} ms`,
    });
    return { name: `${n}-generated-story.md`, text: renderStoryFile(story) };
  });
}
