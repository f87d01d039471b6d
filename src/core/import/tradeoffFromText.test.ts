import { describe, expect, it } from 'vitest';
import { tradeoffFromText } from './tradeoffFromText';

describe('tradeoffFromText', () => {
  it('reads "sacrificed X for Y" as what was accepted and why, and stops each clause at its sentence', () => {
    const reading = tradeoffFromText(
      'Chose Raft over Paxos — sacrificed some flexibility for a simpler implementation. ' +
        'Accepted that the leader limits write throughput, which is fine at our write rate.',
    );
    expect(reading.exact).toBe(false);
    expect(reading.tradeoff).toEqual({
      chosen: 'Raft',
      alternatives: ['Paxos'],
      because: 'a simpler implementation',
      accepting: 'some flexibility; the leader limits write throughput, which is fine at our write rate',
    });
  });

  it('still reads Story Bank\'s own sentence exactly, and a plain "accepting" clause', () => {
    expect(tradeoffFromText('I evaluated A and B, chose C because D, accepting that E.')).toEqual({
      tradeoff: { chosen: 'C', alternatives: ['A', 'B'], because: 'D', accepting: 'E' },
      exact: true,
    });
    expect(tradeoffFromText('Chose mTLS over API keys, accepting a certificate rotation job.').tradeoff).toEqual({
      chosen: 'mTLS',
      alternatives: ['API keys'],
      because: '',
      accepting: 'a certificate rotation job',
    });
  });
});
