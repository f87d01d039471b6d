import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveResult, StoryRecord, VaultSnapshot } from '../../core/api';
import type { Sections } from '../../core/story';
import { openSampleVault } from '../../../test/helpers/sampleVault';
import { dispatch } from '../api/dispatch';

/** Section text that looks like structure, saved through the API (its dispatcher, JSON in and out) into a real vault. */
describe('section text through the API', () => {
  const opened: Array<{ close: () => Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((vault) => vault.close()));
  });

  it('keeps a "## Result" line inside the Action, and the story’s real Result, escaped in the file', async () => {
    const vault = await openSampleVault({ watch: false });
    opened.push(vault);
    const call = async <T>(name: 'listStories' | 'saveStory' | 'readStory', input: unknown): Promise<T> => {
      const envelope = await dispatch(vault.service.handlers, name, JSON.parse(JSON.stringify(input)));
      if (!envelope.ok) throw new Error(envelope.error.message);
      return JSON.parse(JSON.stringify(envelope.value)) as T;
    };
    const [record] = (await call<VaultSnapshot>('listStories', {})).stories;
    const sections: Sections = {
      situation: '    indented first line\n  and a second',
      task: '# Task\n### Sub-heading\n```\n## not a heading in a fence\n```',
      action: 'first\n## Result\nsecond',
      result: 'the real result  ',
    };
    const saved = await call<SaveResult>('saveStory', { story: { ...record.story, sections } });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    expect(saved.record.story.sections).toEqual(sections);
    const text = await readFile(join(vault.root, saved.record.file), 'utf8');
    expect(text).toContain('\nfirst\n\\## Result\nsecond\n');
    expect(text).toContain('\n\\# Task\n\\### Sub-heading\n\\```\n\\## not a heading in a fence\n\\```\n');
    expect((await call<StoryRecord>('readStory', { id: record.story.id })).story.sections).toEqual(sections);
  });
});
