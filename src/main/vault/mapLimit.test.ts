import { describe, expect, it } from 'vitest';
import { mapLimit } from './mapLimit';

describe('mapLimit', () => {
  it('keeps the order of the items whatever order the calls finish in', async () => {
    const delays = [5, 0, 3, 1, 4, 2];
    const results = await mapLimit(delays, 3, (ms) => new Promise<number>((r) => setTimeout(() => r(ms * 10), ms)));
    expect(results).toEqual([50, 0, 30, 10, 40, 20]);
  });

  it('never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await mapLimit(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight -= 1;
      },
    );
    expect(most).toBe(4);
  });

  it('handles no items, and refuses a limit below 1', async () => {
    expect(await mapLimit([], 8, async () => 1)).toEqual([]);
    await expect(mapLimit([1], 0, async () => 1)).rejects.toThrow('at least 1');
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two failed');
        return n;
      }),
    ).rejects.toThrow('two failed');
  });
});
