import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoryBankError } from '../../core/apiError';
import type { Story } from '../../core/story';
import { storyFileText } from '../../core/storyReadBack';
import { tempDir } from '../../../test/helpers/tempDir';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import { Vault } from './vault';

/**
 * Story files as people shape them by hand. A one-field edit (the metric) must change that
 * field's lines and nothing else, and read back as the edit, through the same fence rule the
 * parser uses (core/frontmatter/fences.ts).
 */
const APP_WRITTEN = `---
id: raft-failover
title: Cutting failover time with Raft
competency: distributed-systems
weeks: [10]
metric: 1.8 s median leader election
tradeoff:
  chosen: Raft
  alternatives:
    - primary-backup
    - Multi-Paxos
  because: its log matched our write path
  accepting: one leader caps write throughput
questionTypes:
  - Tell me about a technical decision
keyPhrases:
  - majority quorum
---

## Situation

Three nodes had to agree on attestations.

## Task

Recover from a node crash in under 5 s.

## Action

I compared primary-backup, Multi-Paxos and Raft, and built Raft.

## Result

Leader election took 1.8 s at the median.
`;
const OLD_METRIC_LINE = 'metric: 1.8 s median leader election';
const NEW_METRIC = '2.1 s median leader election';

/** [name, file text, how many lines the old metric takes]. */
const SHAPES: Array<[string, string, number?]> = [
  ['as the app writes it', APP_WRITTEN],
  ['---yaml opener', APP_WRITTEN.replace(/^---\n/, '---yaml\n')],
  ['--- yaml opener', APP_WRITTEN.replace(/^---\n/, '--- yaml\n')],
  ['---YAML opener', APP_WRITTEN.replace(/^---\n/, '---YAML\n')],
  ['CRLF', APP_WRITTEN.replace(/\n/g, '\r\n')],
  ['BOM', `\uFEFF${APP_WRITTEN}`],
  ['BOM, CRLF and ---yaml', `\uFEFF${APP_WRITTEN.replace(/^---\n/, '---yaml\n').replace(/\n/g, '\r\n')}`],
  ['... closer', APP_WRITTEN.replace('\n---\n', '\n...\n')],
  ['---- closer', APP_WRITTEN.replace('\n---\n', '\n----\n')],
  [
    '---- closer and a --- rule later in the body',
    APP_WRITTEN.replace('\n---\n', '\n----\n').replace('## Task', '---\n\n## Task'),
  ],
  ['closer with trailing blanks', APP_WRITTEN.replace('\n---\n', '\n--- \t\n')],
  [
    'tabs after colons and before a comment',
    APP_WRITTEN.replace('title: ', 'title:\t').replace('weeks: [10]', 'weeks: [10]\t# w'),
  ],
  [
    'flow mapping for the tradeoff',
    APP_WRITTEN.replace(
      /tradeoff:\n[\s\S]*?throughput\n/,
      'tradeoff: {chosen: Raft, alternatives: [primary-backup, Multi-Paxos], because: its log matched our write path, accepting: one leader caps write throughput}\n',
    ),
  ],
  [
    'flow lists',
    APP_WRITTEN.replace(
      /questionTypes:\n.*\nkeyPhrases:\n.*\n/,
      'questionTypes: [Tell me about a technical decision]\nkeyPhrases: [majority quorum]\n',
    ),
  ],
  ['quoted keys', APP_WRITTEN.replace('metric:', '"metric":').replace('title:', "'title':")],
  [
    'folded block scalar metric',
    APP_WRITTEN.replace(OLD_METRIC_LINE, 'metric: >-\n  1.8 s median\n  leader election'),
    3,
  ],
  [
    'literal block scalar in an unknown key',
    APP_WRITTEN.replace('weeks:', 'notes: |\n  line one\n\n  line three\nweeks:'),
  ],
  ['no final newline', APP_WRITTEN.replace(/\n$/, '')],
  ['blank line after the opener', APP_WRITTEN.replace(/^---\n/, '---\n\n')],
  [
    'comments',
    APP_WRITTEN.replace(/^---\n/, '---\n# mine\n').replace(OLD_METRIC_LINE, `${OLD_METRIC_LINE} # measured`),
  ],
  ['unknown keys', APP_WRITTEN.replace('\n---\n', '\nreviewer: Ada\nextra:\n  nested: [1, 2]\n---\n')],
  [
    'text above the sections',
    APP_WRITTEN.replace('---\n\n## Situation', '---\n\nA preamble.\n\n# A title\n\n## Situation'),
  ],
  ['extra sections', `${APP_WRITTEN}\n## Notes to self\n\nSay "quorum" slowly.\n\n### Deeper\n\nmore\n`],
  ['compact block lists', APP_WRITTEN.replace(/\n {4}- /g, '\n  - ').replace(/\n {2}- (Tell|majority)/g, '\n- $1')],
  [
    'double-quoted values',
    APP_WRITTEN.replace('title: Cutting failover time with Raft', 'title: "Cutting failover\\u0020time with Raft"'),
  ],
  [
    'metric first, keys out of order',
    APP_WRITTEN.replace(`${OLD_METRIC_LINE}\n`, '').replace('---\nid:', `---\n${OLD_METRIC_LINE}\nid:`),
  ],
  ['sections without blank lines', APP_WRITTEN.replace(/\n\n(?!##)/g, '\n')],
  ['an anchor on an unknown key', APP_WRITTEN.replace('\n---\n', '\nbase: &who Ada\nreviewer: *who\n---\n')],
];

/** The lines between the common first and last lines of the two texts: [removed, added]. */
function changedLines(before: string, after: string): [string[], string[]] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail])
    tail += 1;
  return [a.slice(head, a.length - tail), b.slice(head, b.length - tail)];
}

describe('a one-field edit of a hand-shaped story file', () => {
  it.each(SHAPES)('%s: changes only the metric’s lines and reads back as the edit', (_name, file, metricLines = 1) => {
    const parsed = parseStoryFile(file);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    expect(storyFileText(parsed.story, file, parseStoryFile)).toBe(file);
    const edited: Story = { ...parsed.story, metric: NEW_METRIC };
    const after = storyFileText(edited, file, parseStoryFile);
    const [removed, added] = changedLines(file, after);
    expect(removed).toHaveLength(metricLines);
    expect(removed[0]).toMatch(/^["']?metric["']?:/);
    const eol = file.includes('\r\n') ? '\r' : '';
    const comment = removed[0].includes('# measured') ? ' # measured' : '';
    expect(added).toEqual([`metric: ${NEW_METRIC}${comment}${removed.length > 1 ? '' : eol}`]);
    expect(parseStoryFile(after)).toEqual({ ok: true, story: edited });
  });

  it('edits a frontmatter written as one flow mapping in flow style, one line at a time', () => {
    const file = `---
{
  id: raft-failover, title: 'Cutting failover time with Raft', competency: distributed-systems,
  weeks: [10],
  metric: 1.8 s median leader election,
  tradeoff: {chosen: Raft, alternatives: [primary-backup], because: it fit, accepting: one leader},
  questionTypes: [], keyPhrases: [majority quorum]
}
---

## Situation

S
`;
    const parsed = parseStoryFile(file);
    if (!parsed.ok) throw new Error(parsed.message);
    const metric = storyFileText({ ...parsed.story, metric: 'now 2.1 s, at the median' }, file, parseStoryFile);
    expect(changedLines(file, metric)).toEqual([
      ['  metric: 1.8 s median leader election,'],
      ['  metric: "now 2.1 s, at the median",'],
    ]);
    const phrases = storyFileText({ ...parsed.story, keyPhrases: ['quorum', 'a, b'] }, file, parseStoryFile);
    expect(changedLines(file, phrases)).toEqual([
      ['  questionTypes: [], keyPhrases: [majority quorum]'],
      ['  questionTypes: [], keyPhrases: [quorum, "a, b"]'],
    ]);
  });

  it('keeps a title anchor other keys use: the file stays valid and the aliases follow the title', () => {
    const file = APP_WRITTEN.replace('title: Cutting', 'title: &t Cutting').replace('\n---\n', '\nshownAs: *t\n---\n');
    const parsed = parseStoryFile(file);
    if (!parsed.ok) throw new Error(parsed.message);
    const after = storyFileText({ ...parsed.story, title: 'Raft failover' }, file, parseStoryFile);
    expect(changedLines(file, after)).toEqual([
      ['title: &t Cutting failover time with Raft'],
      ['title: &t Raft failover'],
    ]);
    expect(parseStoryFile(after)).toMatchObject({ ok: true, story: { title: 'Raft failover' } });
  });

  it('refuses, with a conflict error, an edit the file’s YAML cannot hold: a title anchor a known key uses', () => {
    const file = APP_WRITTEN.replace('title: Cutting', 'title: &t Cutting').replace(
      '  - majority quorum',
      '  - majority quorum\n  - *t',
    );
    const parsed = parseStoryFile(file);
    if (!parsed.ok) throw new Error(parsed.message);
    const edit = (): string => storyFileText({ ...parsed.story, title: 'Raft failover' }, file, parseStoryFile);
    expect(edit).toThrow(StoryBankError);
    expect(edit).toThrow(/not saved: .*different keyPhrases.*unchanged/);
  });
});

describe('saving through the vault into hand-shaped files', () => {
  const open: Vault[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((vault) => vault.close()));
  });

  it('changes only the metric line of each file on disk, and refuses without touching the file', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'), { recursive: true });
    const files = SHAPES.map(([, text, metricLines = 1], i) => ({
      name: `stories/shape-${i}.md`,
      text: text.replace('id: raft-failover', `id: shape-${i}`),
      metricLines,
    }));
    for (const { name, text } of files) await writeFile(join(root, name), text);
    const refused = APP_WRITTEN.replace('id: raft-failover', 'id: refused')
      .replace('title: Cutting', 'title: &t Cutting')
      .replace('  - majority quorum', '  - majority quorum\n  - *t');
    await writeFile(join(root, 'stories/refused.md'), refused);
    const vault = await Vault.open(root);
    open.push(vault);
    expect(vault.snapshot().problems).toEqual([]);

    for (const { name, text, metricLines } of files) {
      const record = vault.snapshot().stories.find((r) => r.file === name);
      if (!record) throw new Error(`${name} did not load`);
      const saved = await vault.save({ ...record.story, metric: NEW_METRIC });
      expect(saved).toMatchObject({ kind: 'saved', written: true, record: { story: { metric: NEW_METRIC } } });
      const [removed, added] = changedLines(text, await readFile(join(root, name), 'utf8'));
      expect(removed, name).toHaveLength(metricLines);
      expect(added, name).toHaveLength(1);
      expect(added[0], name).toMatch(new RegExp(`^metric: ${NEW_METRIC}( # measured)?\\r?$`));
    }

    const record = vault.snapshot().stories.find((r) => r.file === 'stories/refused.md');
    if (!record) throw new Error('refused.md did not load');
    await expect(vault.save({ ...record.story, title: 'Raft failover' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/stories\/refused\.md would read back with a different keyPhrases/),
    });
    expect(await readFile(join(root, 'stories/refused.md'), 'utf8')).toBe(refused);
  });
});
