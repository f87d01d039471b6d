import type { Story } from '../story';
import { renderStoryBody } from '../storyBody';
import { renderFrontmatter } from './renderFrontmatter';

/** The whole text of a new story file: frontmatter, a blank line, then the STAR sections. */
export function renderStoryFile(story: Story, eol = '\n'): string {
  return `${renderFrontmatter(story, eol)}${eol}${renderStoryBody(story.sections, eol)}`;
}
