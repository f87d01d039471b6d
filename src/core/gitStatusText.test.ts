import { describe, expect, it } from 'vitest';
import { gitStatusTooltip } from './gitStatusText';

describe('the git status tooltip', () => {
  const ok = { kind: 'ok' as const, message: 'saves are committed to git', fix: '' };

  it('says who commits, and how to set an identity when it is the fallback', () => {
    expect(gitStatusTooltip({ ...ok, identity: { name: 'Ada', email: 'ada@example.org', fallback: false } })).toBe(
      'saves are committed to git\nCommitting as Ada <ada@example.org>',
    );
    const fallback = gitStatusTooltip({
      ...ok,
      identity: { name: 'Story Bank', email: 'story-bank@localhost', fallback: true },
    });
    expect(fallback).toContain('Committing as Story Bank (no git identity set — run git config --global user.name');
  });

  it('names the files git shows as changed, and the fix for a fault', () => {
    const many = Array.from({ length: 12 }, (_, i) => `stories/s${i}.md`);
    expect(gitStatusTooltip({ ...ok, uncommitted: many })).toContain('stories/s9.md and 2 more');
    expect(gitStatusTooltip({ kind: 'locked', message: 'locked', fix: 'Delete the lock.' })).toBe(
      'locked. Delete the lock.',
    );
  });
});
