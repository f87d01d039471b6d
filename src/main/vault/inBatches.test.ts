import { describe, expect, it } from 'vitest';
import { inBatches } from './inBatches';

describe('inBatches', () => {
  it('calls fn on every item in order, and lets the event loop turn between batches only', async () => {
    const log: string[] = [];
    let loading = true;
    const tick = (): void => {
      log.push('turn');
      if (loading) setImmediate(tick);
    };
    setImmediate(tick);
    await inBatches([0, 1, 2, 3, 4, 5, 6], 3, (item) => log.push(String(item)));
    loading = false;
    expect(log.filter((entry) => entry !== 'turn')).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    // Squeeze runs of turns into one: what matters is where the loop got to run.
    const shape = log.filter((entry, i) => entry !== 'turn' || log[i - 1] !== 'turn');
    expect(shape).toEqual(['0', '1', '2', 'turn', '3', '4', '5', 'turn', '6']);
  });

  it('handles no items, and refuses a batch size below 1', async () => {
    await inBatches([], 8, () => {
      throw new Error('not called');
    });
    await expect(inBatches([1], 0, () => {})).rejects.toThrow('at least 1');
  });
});
