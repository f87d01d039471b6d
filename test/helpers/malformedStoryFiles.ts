import { renderStoryFile } from '../../src/core/frontmatter/renderStoryFile';
import { sampleStory } from './sampleStory';

/** A valid story file (id raft-failover) the corpus breaks in one way per file. */
export const good = renderStoryFile(sampleStory());
const swap = (pattern: RegExp, replacement: string) => good.replace(pattern, replacement);

/**
 * Story files each broken in one way (used by malformedCorpus.test.ts on a real vault and by
 * parseStoryFile.property.test.ts against the fast path). `marker` is a file the JavaScript
 * payloads would create if anything ever ran them.
 */
export function malformedStoryFiles(marker: string): Array<[string, string | Buffer]> {
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
