import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../../core/storyFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { Vault } from './vault';

const good = renderStoryFile(sampleStory());
const swap = (pattern: RegExp, replacement: string) => good.replace(pattern, replacement);

/** Each file is broken in one way; every one must be listed, none may change or run code. */
function corpus(marker: string): Array<[string, string | Buffer]> {
  const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;
  const laughs = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    ),
  ];
  return [
    ['empty.md', ''],
    ['bom-only.md', '\uFEFF'],
    ['no-frontmatter.md', '## Situation\n\nJust a body.\n'],
    ['unclosed-frontmatter.md', '---\nid: x\ntitle: y\n'],
    ['js-frontmatter.md', `---js\n{ title: ${payload} }\n---\n`],
    ['javascript-frontmatter.md', `---javascript\nmodule.exports = { title: ${payload} }\n---\n`],
    ['coffee-frontmatter.md', `---coffee\ntitle: ${payload}\n---\n`],
    ['json-frontmatter.md', '---json\n{"id": "x"}\n---\n'],
    ['bad-yaml.md', '---\nid: [unclosed\n---\n'],
    ['bad-indent.md', '---\nid: a\n  title: b\n---\n'],
    ['tab-indent.md', '---\nid: a\ntradeoff:\n\tchosen: b\n---\n'],
    ['duplicate-keys.md', swap(/^title: .*$/m, 'title: one\ntitle: two')],
    ['list-root.md', '---\n- a\n- b\n---\n'],
    ['scalar-root.md', '---\njust text\n---\n'],
    ['missing-id.md', swap(/^id: .*\n/m, '')],
    ['bad-id.md', swap(/^id: .*$/m, 'id: ../../etc/passwd')],
    ['uppercase-id.md', swap(/^id: .*$/m, 'id: Not-Valid')],
    ['empty-title.md', swap(/^title: .*$/m, 'title: ""')],
    ['title-list.md', swap(/^title: .*$/m, 'title: [a, b]')],
    ['unknown-competency.md', swap(/^competency: .*$/m, 'competency: juggling')],
    ['weeks-text.md', swap(/^weeks: .*$/m, 'weeks: ten')],
    ['week-out-of-range.md', swap(/^weeks: .*$/m, 'weeks: [0, 25]')],
    ['metric-list.md', swap(/^metric: .*$/m, 'metric:\n  - 1\n  - 2')],
    ['metric-number.md', swap(/^metric: .*$/m, 'metric: 42')],
    ['tradeoff-text.md', good.replace(/^tradeoff:\n( {2}.*\n)+/m, 'tradeoff: Raft\n')],
    ['alternatives-text.md', good.replace(/^ {2}alternatives:\n( {4}.*\n)+/m, '  alternatives: Paxos\n')],
    ['question-types-map.md', good.replace(/^questionTypes:\n( {2}.*\n)+/m, 'questionTypes: {a: 1}\n')],
    ['key-phrases-null.md', good.replace(/^keyPhrases:\n( {2}.*\n)+/m, 'keyPhrases:\n')],
    ['billion-laughs.md', `---\n${laughs.join('\n')}\nid: x\n---\n`],
    ['binary.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a])],
    [
      'invalid-utf8.md',
      Buffer.concat([
        Buffer.from('---\nid: x\ntitle: '),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
        Buffer.from('\n---\n'),
      ]),
    ],
    ['huge.md', `---\nid: huge\ntitle: Huge\n---\n${'x'.repeat(5 * 1024 * 1024)}`],
    ['custom-tag.md', swap(/^metric: .*$/m, 'metric: !!js/function "function () { return 1 }"')],
    ['duplicate-id.md', good],
  ];
}

describe('a corpus of malformed story files', () => {
  it('lists every one as needing attention, modifies none, runs no code, and keeps the vault working', async () => {
    const root = await tempDir();
    const marker = join(root, 'pwned');
    await mkdir(join(root, 'stories'), { recursive: true });
    await writeFile(join(root, 'stories', '000-good.md'), good);
    // Each broken file gets its own id, so none is listed merely as a duplicate of the good one.
    const files = corpus(marker).map(([name, content], i): [string, string | Buffer] => [
      name,
      typeof content === 'string' && name !== 'duplicate-id.md'
        ? content.replace('id: raft-failover', `id: case-${i}`)
        : content,
    ]);
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const [name, content] of files) await writeFile(join(root, 'stories', name), content);
    const before = new Map<string, Buffer>();
    for (const name of await readdir(join(root, 'stories')))
      before.set(name, await readFile(join(root, 'stories', name)));

    const vault = await Vault.open(root);
    const { stories, problems } = vault.snapshot();
    expect(stories.map((r) => r.file)).toEqual(['stories/000-good.md']);
    const listed = new Set(problems.map((p) => p.file.replace('stories/', '')));
    const unlisted = files.map(([name]) => name).filter((name) => !listed.has(name));
    expect(unlisted).toEqual([]);
    expect(problems.find((p) => p.file === 'stories/duplicate-id.md')?.message).toMatch(/already used/);
    expect(problems.filter((p) => /already used/.test(p.message))).toHaveLength(1);
    for (const problem of problems) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.message.length).toBeGreaterThan(3);
    }
    expect(existsSync(marker)).toBe(false);
    for (const [name, bytes] of before)
      expect((await readFile(join(root, 'stories', name))).equals(bytes), name).toBe(true);

    // The rest of the vault keeps working: a save still goes through.
    await vault.save(sampleStory({ metric: 'still works' }));
    expect(vault.findById('raft-failover')?.story.metric).toBe('still works');
  });
});
