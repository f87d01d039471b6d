import type { Story } from '../../src/core/story';

export function sampleStory(overrides: Partial<Story> = {}): Story {
  return {
    id: 'raft-failover',
    title: 'Cutting failover time with Raft',
    competency: 'distributed-systems',
    weeks: [10],
    metric: '1.8 s median leader election',
    tradeoff: {
      chosen: 'Raft',
      alternatives: ['primary-backup', 'Multi-Paxos'],
      because: 'its log matched our write path',
      accepting: 'one leader caps write throughput',
    },
    questionTypes: ['Tell me about a technical decision'],
    keyPhrases: ['majority quorum'],
    sections: {
      situation: 'Three nodes had to agree on attestations.',
      task: 'Recover from a node crash in under 5 s.',
      action: 'I compared primary-backup, Multi-Paxos and Raft, and built Raft.',
      result: 'Leader election took 1.8 s at the median.',
    },
    ...overrides,
  };
}
