import type { DrillRecord } from '../../src/core/drill/drillRecord';

/**
 * A drill of the Raft story for "Tell me about a technical decision you made" (the sample vault
 * maps it to Raft and the two-signature story): a wrong first pick, then Raft, one peek, and a
 * rubric not yet self-checked.
 */
export function drillRecord(overrides: Partial<DrillRecord> = {}): DrillRecord {
  return {
    questionType: 'Tell me about a technical decision you made',
    question: 'Tell me about a technical decision you made.',
    rightStoryIds: ['raft-attestation-log', 'threshold-signed-attestations'],
    picks: [
      { storyId: 'failed-checkpoint-demo', correct: false, atMs: 4200 },
      { storyId: 'raft-attestation-log', correct: true, atMs: 9800 },
    ],
    correct: false,
    chooseMs: 4200,
    peeks: [{ section: 'action', atMs: 31_000 }],
    rubric: [
      { kind: 'metric', text: '1.4 s median from leader crash to the next committed write', checked: null },
      {
        kind: 'alternatives',
        text: 'primary-backup replication with a fixed primary; an external etcd cluster',
        checked: null,
      },
      { kind: 'key-phrase', text: 'commit on a majority', checked: null },
      { kind: 'under-two-minutes', text: '2:00', checked: true },
    ],
    ...overrides,
  };
}
