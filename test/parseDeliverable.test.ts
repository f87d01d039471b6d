import { describe, expect, it } from 'vitest';
import { check } from '../src/core/checker/check';
import { parseDeliverable } from '../src/core/deliverable/parseDeliverable';
import { seedExample, seedExampleFromAssignment } from './helpers/seedExample';

describe('parseDeliverable', () => {
  it('reads the same example the assignment holds (its copy in test/fixtures has not drifted)', (ctx) => {
    const fromAssignment = seedExampleFromAssignment();
    if (fromAssignment === null) ctx.skip('the assignment is not beside this clone; the fixture copy is read instead');
    expect(seedExample()).toBe(fromAssignment);
  });

  it('reads the seed’s example story: every part, the metric and the tradeoff', () => {
    const { stories } = parseDeliverable(seedExample());
    expect(stories).toHaveLength(1);
    const [story] = stories;
    expect(story).toMatchObject({
      number: 1,
      title: 'Designing Raft Consensus for Trust Integrity',
      competency: 'Technical decision-making, distributed systems',
      line: 1,
    });
    expect(story.sections.situation).toMatch(/^I was building a distributed trust platform/);
    expect(story.sections.task).toMatch(/target of <5s leader election recovery\.$/);
    expect(story.sections.action).toMatch(/^I evaluated three options[\s\S]*epoll for async I\/O\.$/);
    expect(story.sections.result).toMatch(
      /^Leader election completes in 2\.3s[\s\S]*Zero attestation inconsistencies\nrecorded\.$/,
    );
    expect(story.metric).toBe('2.3s average leader election time (target <5s)');
    expect(story.tradeoffText).toMatch(
      /^Chose Raft over Paxos — sacrificed theoretical flexibility[\s\S]*\(~60\/min\)\.$/,
    );
    const report = check(parseDeliverable(seedExample()), { strict: true });
    expect(report.criteria[1].pass).toBe(true);
    expect(report.criteria[2].pass).toBe(true);
    expect(report.criteria[3].pass).toBe(true);
  });

  it('accepts the heading and label variants people write, with CRLF', () => {
    const variants = [
      '## Story 1 — Title A\n\n### Situation\nS\n### Task\nT\n### Action\nA\n### Result\nR\n### Metric\n3 ms\n### Tradeoff\nX over Y, accepting Z\n',
      '### Story 1. Title A\n\n**Situation:** S\n**Task:** T\n**Action:** A\n**Result:** R\n**Metric:** 3 ms\n**Tradeoff:** X over Y, accepting Z\n',
      '## Story #1: Title A\r\n\r\n**Situation (15 s):**\r\nS\r\n\r\n**Task**:\r\nT\r\n\r\n**Action:**\r\nA\r\n\r\n**Result:**\r\nR\r\n\r\nMetric: 3 ms\r\nTradeoff: X over Y, accepting Z\r\n',
    ];
    for (const text of variants) {
      const [story] = parseDeliverable(text).stories;
      expect(story, text).toMatchObject({
        number: 1,
        title: 'Title A',
        metric: '3 ms',
        tradeoffText: 'X over Y, accepting Z',
      });
      expect(story.sections).toEqual({ situation: 'S', task: 'T', action: 'A', result: 'R' });
    }
  });

  it('reads a competency map table with its columns in any order, and ends stories at the next section', () => {
    const text = [
      '## Story 1: One',
      '**Situation:** S',
      '## Competency Mapping',
      '',
      '| Key phrases | Story | Question type |',
      '|---|:---:|---|',
      '| quorum | #1 | Tell me about a decision |',
      '| budget | Story 2 | **Reliability** |',
      '',
      '## Practice guide',
      'Two minutes.',
    ].join('\n');
    const parsed = parseDeliverable(text);
    expect(parsed.stories[0].sections.situation).toBe('S');
    expect(parsed.competencyMap).toEqual([
      { questionType: 'Tell me about a decision', storyRef: '#1', keyPhrases: 'quorum', line: 7 },
      { questionType: 'Reliability', storyRef: 'Story 2', keyPhrases: 'budget', line: 8 },
    ]);
    expect(parsed.hasPracticeGuide).toBe(true);
  });
});
