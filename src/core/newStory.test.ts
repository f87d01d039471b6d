import { describe, expect, it } from 'vitest';
import { isPlaceholderId, isPlaceholderTitle, newStory } from './newStory';
import { renderStoryFile } from './frontmatter/renderStoryFile';
import { storySchema } from './storySchema';

describe('newStory', () => {
  it('is an empty story under the column’s competency with a valid id', () => {
    const story = newStory('security', new Set());
    expect(story).toEqual({
      id: 'untitled-story',
      title: 'Untitled story',
      competency: 'security',
      weeks: [],
      metric: '',
      tradeoff: { chosen: '', alternatives: [], because: '', accepting: '' },
      questionTypes: [],
      keyPhrases: [],
      sections: { situation: '', task: '', action: '', result: '' },
    });
    expect(storySchema.strict().parse(story)).toEqual(story);
    expect(renderStoryFile(story)).toMatch(/^---\nid: untitled-story\ntitle: Untitled story\ncompetency: security\n/);
  });

  it('numbers title and id together past the ids already taken', () => {
    expect(newStory('debugging', new Set(['untitled-story']))).toMatchObject({
      id: 'untitled-story-2',
      title: 'Untitled story 2',
    });
    const taken = new Set(['untitled-story', 'untitled-story-2', 'untitled-story-3', 'other']);
    expect(newStory('debugging', taken)).toMatchObject({ id: 'untitled-story-4', title: 'Untitled story 4' });
    expect(newStory('debugging', new Set(['untitled-story-2']))).toMatchObject({ id: 'untitled-story' });
  });

  it('knows its own placeholders, and nothing a user would type', () => {
    expect(['Untitled story', 'Untitled story 12'].map(isPlaceholderTitle)).toEqual([true, true]);
    expect(['Untitled story about x', 'My untitled story', ''].map(isPlaceholderTitle)).toEqual([false, false, false]);
    expect(['untitled-story', 'untitled-story-3'].map(isPlaceholderId)).toEqual([true, true]);
    expect(['untitled-story-about-x', 'raft-log'].map(isPlaceholderId)).toEqual([false, false]);
  });
});
