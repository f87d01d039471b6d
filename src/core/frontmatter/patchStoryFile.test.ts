import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { patchStoryFile } from './patchStoryFile';
import { renderStoryFile } from './renderStoryFile';

const HAND_WRITTEN = `---
# my own comment
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
questionTypes: ['Tell me about a technical decision']
keyPhrases: [majority quorum]
reviewedBy: mentor   # unknown key, kept
---

Preamble the app does not know about.

## Situation

Three nodes had to agree on attestations.

## Task

Recover from a node crash in under 5 s.

## Action

I compared primary-backup, Multi-Paxos and Raft, and built Raft.

## Result

Leader election took 1.8 s at the median.

## Notes to self

Say "quorum" slowly.
`;

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, i) => line !== a[i]);
}

describe('patchStoryFile', () => {
  it('returns the file unchanged when the story is unchanged', () => {
    expect(patchStoryFile(HAND_WRITTEN, sampleStory())).toBe(HAND_WRITTEN);
  });

  it('changes only the changed key’s line, keeping comments and unknown keys', () => {
    const after = patchStoryFile(HAND_WRITTEN, sampleStory({ competency: 'collaboration' }));
    expect(after).toBe(HAND_WRITTEN.replace('competency: distributed-systems', 'competency: collaboration'));
  });

  it('replaces a block value’s lines only', () => {
    const story = sampleStory();
    story.tradeoff = { ...story.tradeoff, alternatives: ['Paxos'] };
    const after = patchStoryFile(HAND_WRITTEN, story);
    expect(after).toContain('tradeoff:\n  chosen: Raft\n  alternatives:\n    - Paxos\n  because:');
    expect(after).toContain('reviewedBy: mentor   # unknown key, kept');
    expect(after.split('\n').length).toBe(HAND_WRITTEN.split('\n').length - 1);
  });

  it('changes only the changed section’s text, keeping other headings and text', () => {
    const story = sampleStory();
    story.sections = { ...story.sections, task: 'A new task.' };
    const after = patchStoryFile(HAND_WRITTEN, story);
    expect(changedLines(HAND_WRITTEN, after)).toEqual(['A new task.']);
    const last = sampleStory();
    last.sections = { ...last.sections, result: 'Now 1.2 s.' };
    expect(patchStoryFile(HAND_WRITTEN, last)).toContain(
      '## Result\n\nNow 1.2 s.\n\n## Notes to self\n\nSay "quorum" slowly.\n',
    );
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = renderStoryFile(sampleStory(), '\r\n').replace(/\r\n$/, '');
    const after = patchStoryFile(
      crlf,
      sampleStory({ title: 'New title', sections: { ...sampleStory().sections, result: 'R2' } }),
    );
    expect(after).not.toMatch(/[^\r]\n/);
    expect(after.endsWith('R2')).toBe(true);
    expect(after).toContain('title: New title\r\n');
  });

  it('adds missing keys and sections at the end of their part', () => {
    const bare =
      '---\nid: raft-failover\ntitle: Cutting failover time with Raft\n---\n\n## Situation\n\nThree nodes had to agree on attestations.\n';
    const after = patchStoryFile(bare, sampleStory());
    expect(
      after.startsWith(
        '---\nid: raft-failover\ntitle: Cutting failover time with Raft\ncompetency: distributed-systems\n',
      ),
    ).toBe(true);
    expect(after).toContain(
      '## Situation\n\nThree nodes had to agree on attestations.\n\n## Task\n\nRecover from a node crash in under 5 s.\n',
    );
  });

  it('refuses, without rewriting it whole, a file whose frontmatter is not closed or not YAML', () => {
    for (const text of ['---\nid: raft-failover\n---x\n\n## Situation\n', '---js\n({})\n---\n']) {
      expect(() => patchStoryFile(text, sampleStory())).toThrow(/not closed YAML/);
    }
  });
});
