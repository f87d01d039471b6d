import { existsSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../src/core/frontmatter/renderStoryFile';
import { sampleStory } from './helpers/sampleStory';
import { tempDir } from './helpers/tempDir';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';

describe('parseStoryFile', () => {
  it('reads a file the app wrote back to the same story', () => {
    const story = sampleStory();
    expect(parseStoryFile(renderStoryFile(story))).toEqual({ ok: true, story });
    expect(parseStoryFile(renderStoryFile(story, '\r\n'))).toEqual({ ok: true, story });
    expect(parseStoryFile(`\uFEFF${renderStoryFile(story)}`)).toEqual({ ok: true, story });
  });

  it('names the line and the field of a wrong type', () => {
    const text = renderStoryFile(sampleStory()).replace(/^metric: .*$/m, 'metric:\n  - 1\n  - 2');
    const outcome = parseStoryFile(text);
    expect(outcome).toMatchObject({ ok: false, field: 'metric', message: 'expected text, got a list' });
    const line = text.split('\n').findIndex((l) => l.startsWith('metric:')) + 1;
    expect(outcome.ok === false && outcome.line).toBe(line);
  });

  it('names a missing required field', () => {
    const text = renderStoryFile(sampleStory()).replace(/^title: .*\n/m, '');
    expect(parseStoryFile(text)).toMatchObject({ ok: false, field: 'title', message: 'the key "title" is required' });
  });

  it('rejects an unknown competency with the allowed list', () => {
    const text = renderStoryFile(sampleStory()).replace(/^competency: .*$/m, 'competency: cooking');
    const outcome = parseStoryFile(text);
    expect(outcome).toMatchObject({ ok: false, field: 'competency', line: 4 });
    expect(outcome.ok === false && outcome.message).toContain('distributed-systems');
  });

  it('never evaluates JavaScript frontmatter', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'pwned');
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;
    for (const fence of ['---js', '---javascript', '--- js', '---coffee']) {
      const outcome = parseStoryFile(`${fence}\n({ title: ${payload} })\n---\n\n## Situation\n`);
      expect(outcome).toMatchObject({ ok: false, line: 1 });
      expect(outcome.ok === false && outcome.message).toMatch(/not allowed/);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('reports bad YAML, duplicate keys, missing fences and binary data without throwing', () => {
    expect(parseStoryFile('')).toMatchObject({ ok: false, line: 1 });
    expect(parseStoryFile('just text')).toMatchObject({ ok: false, line: 1 });
    expect(parseStoryFile('---\ntitle: x\n')).toMatchObject({ ok: false, message: expect.stringMatching(/closing/) });
    expect(parseStoryFile('---\ntitle: [unclosed\n---\n')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/invalid YAML/),
    });
    expect(parseStoryFile('---\nid: a\nid: b\n---\n')).toMatchObject({ ok: false, line: 3 });
    expect(parseStoryFile('---\n- a list\n---\n')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/mapping/),
    });
    expect(parseStoryFile('---\nid: a\n---\n\u0000\u0001')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/binary/),
    });
  });

  it('leaves gray-matter cache untouched and returns fresh objects each time', () => {
    const text = renderStoryFile(sampleStory());
    const first = parseStoryFile(text);
    if (first.ok) first.story.tradeoff.alternatives.push('mutated');
    const second = parseStoryFile(text);
    expect(second.ok && second.story.tradeoff.alternatives).toEqual(['primary-backup', 'Multi-Paxos']);
    expect(Object.keys((matter as unknown as { cache: object }).cache)).toHaveLength(0);
  });
});
