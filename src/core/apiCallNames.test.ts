import { describe, expect, it } from 'vitest';
import { apiCalls } from './api';
import { CALL_NAMES } from './apiCallNames';

describe('CALL_NAMES', () => {
  it('names every call of the contract once, and nothing else', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(apiCalls).sort());
  });
});
