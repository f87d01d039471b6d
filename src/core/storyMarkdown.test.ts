import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../test/helpers/sampleStory';
import { storyMarkdown } from './storyMarkdown';

describe('storyMarkdown', () => {
  it('reads as the story is told: title, facts, STAR with timings, metric, tradeoff, interview map', () => {
    const text = storyMarkdown(sampleStory({ weeks: [10, 11] }));
    expect(text).toBe(
      [
        '# Cutting failover time with Raft',
        '',
        '**Competency:** Distributed systems · **Weeks:** 10, 11',
        '',
        '## Situation <small>~3 s of 15 s</small>',
        '',
        'Three nodes had to agree on attestations.',
        '',
        '## Task <small>~4 s of 15 s</small>',
        '',
        'Recover from a node crash in under 5 s.',
        '',
        '## Action <small>~4 s of 60 s</small>',
        '',
        'I compared primary-backup, Multi-Paxos and Raft, and built Raft.',
        '',
        '## Result <small>~3 s of 30 s</small>',
        '',
        'Leader election took 1.8 s at the median.',
        '',
        '---',
        '',
        '**Metric:** 1.8 s median leader election',
        '',
        '**Tradeoff:** I evaluated primary-backup and Multi-Paxos, chose Raft because its log matched our write path, accepting that one leader caps write throughput.',
        '',
        '## Answers questions like',
        '',
        '- Tell me about a technical decision',
        '',
        '## Key phrases',
        '',
        '- majority quorum',
        '',
      ].join('\n'),
    );
  });

  it('marks what is not written yet and keeps one-line parts on one line', () => {
    const story = sampleStory({ title: '', metric: 'two\nlines', weeks: [], questionTypes: [], keyPhrases: [''] });
    story.sections.task = '   ';
    const text = storyMarkdown(story);
    expect(text).toContain('# Untitled story\n');
    expect(text).toContain('**Competency:** Distributed systems\n');
    expect(text).toContain('## Task\n\n*Not written yet.*\n');
    expect(text).toContain('**Metric:** two lines\n');
    expect(text).not.toContain('Answers questions like');
    expect(text).not.toContain('Key phrases');
  });

  it('passes section markdown through for the renderer to sanitise', () => {
    const story = sampleStory();
    story.sections.action = 'Used **Raft**. <script>alert(1)</script>';
    expect(storyMarkdown(story)).toContain('Used **Raft**. <script>alert(1)</script>');
  });
});
