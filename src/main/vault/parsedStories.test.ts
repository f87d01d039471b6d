import { describe, expect, it } from 'vitest';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { contentHash } from './hash';
import { parseStoryFileCached } from './parsedStories';

describe('parseStoryFileCached', () => {
  it('answers what parseStoryFile does, for a story and for a problem', () => {
    const good = renderStoryFile(sampleStory());
    const bad = good.replace(/^competency: .*$/m, 'competency: [1, 2]');
    for (const text of [good, bad, good, bad]) {
      expect(parseStoryFileCached(text, contentHash(text))).toEqual(parseStoryFile(text));
    }
  });

  it('answers a hash it has seen without parsing again, frozen so that no caller can change it', () => {
    const first = renderStoryFile({ ...sampleStory(), id: 'cached-once', title: 'Cached once' });
    const hash = contentHash(first);
    const outcome = parseStoryFileCached(first, hash);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(() => (outcome.story.title = 'changed by a caller')).toThrow(TypeError);
    expect(() => (outcome.story.sections.action = 'changed too')).toThrow(TypeError);
    expect(() => outcome.story.keyPhrases.push('added')).toThrow(TypeError);
    // Another text under the same hash: the kept outcome comes back, so the text was not parsed.
    const again = parseStoryFileCached(renderStoryFile({ ...sampleStory(), title: 'Other' }), hash);
    expect(again).toEqual(parseStoryFile(first));
  });
});
