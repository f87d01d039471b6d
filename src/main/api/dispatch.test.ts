import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { dispatch } from './dispatch';

const handlers = {
  getVaultInfo: async () => ({ root: '/v', host: 'browser', version: '1' }),
  listStories: async () => ({ stories: [], problems: [] }),
  readStory: async ({ id }: { id: string }) => {
    throw new StoryBankError('not-found', `no story has the id "${id}"`);
  },
  saveStory: async () => {
    throw new Error('disk on fire');
  },
} as unknown as ApiHandlers;

describe('dispatch', () => {
  it('runs a known call with valid input', async () => {
    expect(await dispatch(handlers, 'listStories', {})).toEqual({ ok: true, value: { stories: [], problems: [] } });
  });

  it('rejects unknown calls, prototype names and malformed input as bad requests', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(handlers, name, {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    for (const input of [
      { id: '../../etc/passwd' },
      { id: '/abs' },
      { id: 'a\u0000b' },
      { id: 'x'.repeat(100) },
      { id: 5 },
      { id: 'ok', more: 1 },
      'str',
      [],
    ]) {
      expect(await dispatch(handlers, 'readStory', input)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('returns handler errors as envelopes with their code, and bugs as internal', async () => {
    expect(await dispatch(handlers, 'readStory', { id: 'abc' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no story has the id "abc"' },
    });
    const original = console.error;
    console.error = () => {};
    try {
      expect(await dispatch(handlers, 'saveStory', { story: {} })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    } finally {
      console.error = original;
    }
  });
});
