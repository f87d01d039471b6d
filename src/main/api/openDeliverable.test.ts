import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleVault } from '../../../test/helpers/sampleVault';
import { DEFAULT_EXPORT_PATH } from '../export/exportDeliverable';
import { createStoryBankService } from './storyBankService';
import { dispatch } from './dispatch';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('openDeliverable and revealDeliverable', () => {
  it('open or show only the exported deliverable, once it exists, and report an opener failure', async () => {
    const { root, vault, close } = await openSampleVault({ watch: false });
    closers.push(close);
    const calls: string[] = [];
    let failWith: string | null = null;
    // The operating system's opener is the seam: which file, and the checks before it, are real.
    const seam = (how: string) => async (path: string) => {
      if (failWith) throw new Error(failWith);
      calls.push(`${how} ${path}`);
    };
    const service = createStoryBankService(
      vault,
      { host: 'browser', version: 'test' },
      { commitQuietMs: 60_000, openPath: seam('open'), revealPath: seam('reveal') },
    );
    closers.push(() => service.close());
    const call = (name: 'openDeliverable' | 'revealDeliverable', input: unknown = {}) =>
      dispatch(service.handlers, name, input);

    expect(await call('openDeliverable')).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'the deliverable has not been exported yet: export it first' },
    });
    expect(await dispatch(service.handlers, 'exportDeliverable', {})).toMatchObject({ ok: true });
    expect(await call('openDeliverable')).toEqual({ ok: true, value: { opened: true } });
    expect(await call('revealDeliverable')).toEqual({ ok: true, value: { revealed: true } });
    const path = join(root, DEFAULT_EXPORT_PATH);
    expect(calls).toEqual([`open ${path}`, `reveal ${path}`]);

    // No path comes from the renderer: any argument is refused before the opener is reached.
    for (const input of [{ path: '/etc/passwd' }, { file: '../x' }, 'x', 42])
      expect((await call('revealDeliverable', input)).ok, JSON.stringify(input)).toBe(false);
    expect(calls).toHaveLength(2);

    failWith = 'no file manager';
    expect(await call('revealDeliverable')).toEqual({
      ok: false,
      error: { code: 'io', message: 'could not show in its folder the deliverable: no file manager' },
    });
  });
});
