import { describe, expect, it } from 'vitest';
import { RecentVersions } from './recentVersions';

describe('RecentVersions', () => {
  it('keeps the newest versions within its count, and a looked-up one counts as new', () => {
    const versions = new RecentVersions(2, 1000);
    versions.remember('a', 'A');
    versions.remember('b', 'B');
    expect(versions.get('a')).toBe('A');
    versions.remember('c', 'C');
    expect(versions.get('b')).toBeUndefined();
    expect([versions.get('a'), versions.get('c')]).toEqual(['A', 'C']);
  });

  it('keeps within its size, and never keeps a text larger than all of it', () => {
    const versions = new RecentVersions(10, 10);
    versions.remember('a', '123456');
    versions.remember('b', '12345');
    expect(versions.get('a')).toBeUndefined();
    expect(versions.get('b')).toBe('12345');
    versions.remember('huge', '12345678901');
    expect(versions.get('huge')).toBeUndefined();
    expect(versions.get('b')).toBe('12345');
  });
});
