/* eslint-disable no-restricted-imports -- this test runs the renderer's state class against the
   real main-process service in one Node process; the renderer itself never imports main. */
import { execFileSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, until } from '../../../../../../test/helpers/inProcessApi';
import { openRehearsalVault, timing } from '../../../../../../test/helpers/rehearsalVault';
import { sampleStory } from '../../../../../../test/helpers/sampleStory';
import { tempDir } from '../../../../../../test/helpers/tempDir';
import type { StoryBankApi } from '@core/api';
import { addDays, dayInZone } from '@core/rehearsal/calendarDay';
import { ApiCallError } from '@renderer/api/createClient';
import { RehearsalsState } from './RehearsalsState.svelte';

const DAY_MS = 86_400_000;
const ZONE = 'UTC';
/** Written ten days ago: the first review (day 3) is a week overdue. */
const OLD = ['01-replicating-attestations-with-raft.md', '02-requiring-two-signatures-for-every-attestation.md'];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Commits `files` (relative to the vault) as written at `atMs`: their first commit is that day. */
function commitAt(root: string, atMs: number, files: string[], message: string): void {
  const date = new Date(atMs).toISOString();
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'add', '--', ...files], {
    cwd: root,
  });
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message], {
    cwd: root,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

/**
 * The sample vault in a repository of its own: two stories first committed ten days before
 * `now`, the other six five days before, so their first reviews are 7 and 2 days overdue.
 */
async function setUp(options: { commitQuietMs?: number } = {}) {
  const now = Date.now();
  const root = join(await tempDir(), 'vault');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: root });
  commitAt(
    root,
    now - 10 * DAY_MS,
    OLD.map((file) => `stories/${file}`),
    'two stories',
  );
  commitAt(root, now - 5 * DAY_MS, ['.'], 'the other six');
  const opened = await openRehearsalVault({ commitQuietMs: 60_000, ...options }, root);
  cleanups.push(opened.close);
  const api = inProcessClient(opened.service);
  let clock = now;
  const state = new RehearsalsState(api, () => clock, ZONE);
  const today = dayInZone(now, ZONE);
  return {
    ...opened,
    api,
    state,
    today,
    setClock: (ms: number) => (clock = ms),
    ids: opened.vault.snapshot().stories.map((record) => record.story.id),
  };
}

/** The real client, counting the overview fetches it is asked for. */
function counting(api: StoryBankApi): { api: StoryBankApi; fetches: () => number } {
  let fetches = 0;
  return {
    api: {
      ...api,
      rehearsalOverview: (input) => {
        fetches += 1;
        return api.rehearsalOverview(input);
      },
    },
    fetches: () => fetches,
  };
}

const RAFT = 'raft-attestation-log';
const SIGNATURES = 'threshold-signed-attestations';

describe('RehearsalsState', () => {
  it('has nothing before the first fetch, then schedules every committed story, most overdue first', async () => {
    const { state, today, ids } = await setUp();
    expect(state.overview).toBeNull();
    expect(state.due).toEqual([]);
    expect(state.scheduleOf(RAFT)).toBeNull();
    expect(state.today).toBe(today);

    await state.refresh();
    expect(state.error).toBeNull();
    expect(state.overview?.stories.map((story) => story.storyId).sort()).toEqual([...ids].sort());
    expect(state.overview?.stories.every((story) => story.writtenAt !== null && story.takes.length === 0)).toBe(true);

    // Every story's first review (3 days after writing) is due; the two older ones lead the list.
    expect(state.due).toHaveLength(ids.length);
    expect(state.due.map((line) => line.overdueDays)).toEqual([7, 7, 2, 2, 2, 2, 2, 2]);
    expect(state.due.every((line) => line.step === 0 && line.intervalDays === 3)).toBe(true);
    expect(
      state.due
        .slice(0, 2)
        .map((line) => line.storyId)
        .sort(),
    ).toEqual([RAFT, SIGNATURES]);

    const raft = state.scheduleOf(RAFT);
    expect(raft).toMatchObject({ status: 'scheduled', step: 0, overdueDays: 7, due: true, completed: [] });
    expect(raft?.status === 'scheduled' && raft.dueDay).toBe(addDays(today, -7));
    expect(state.scheduleOf('no-such-story')).toBeNull();
  });

  it('refetches when a take ends or is deleted: a review done leaves the due list, deleting it brings it back', async () => {
    const { api, state, today } = await setUp();
    const stop = state.start();
    cleanups.push(stop);
    await until(() => state.overview !== null, 'the first overview');
    expect(state.due.map((line) => line.storyId)).toContain(RAFT);

    // A false start (under 30 s) is no review: the story stays due.
    const short = await api.startTake({ storyId: RAFT, mimeType: null });
    await api.finishTake({ takeId: short.takeId, sidecar: timing({ durationMs: 5_000, mode: 'no-recording' }) });
    await until(() => state.overview?.stories.find((s) => s.storyId === RAFT)?.takes.length === 1, 'the short take');
    expect(state.due.map((line) => line.storyId)).toContain(RAFT);

    const review = await api.startTake({ storyId: RAFT, mimeType: null });
    await api.finishTake({ takeId: review.takeId, sidecar: timing({ durationMs: 61_000, mode: 'no-recording' }) });
    await until(() => !state.due.some((line) => line.storyId === RAFT), 'the review leaving the due list');
    expect(state.scheduleOf(RAFT)).toMatchObject({
      status: 'scheduled',
      step: 1,
      intervalDays: 7,
      anchorDay: today,
      dueDay: addDays(today, 7),
      due: false,
      completed: [{ step: 0, doneDay: today, lateDays: 7 }],
    });
    expect(state.due).toHaveLength(7);

    await api.deleteTake({ storyId: RAFT, takeFile: review.file });
    await until(() => state.due.some((line) => line.storyId === RAFT), 'the story due again');
    expect(state.scheduleOf(RAFT)).toMatchObject({ step: 0, overdueDays: 7, completed: [] });
    expect(state.error).toBeNull();
  });

  it('refetches when git commits: a new story is not scheduled until committed, then counts from that day', async () => {
    const { api, state, today } = await setUp();
    cleanups.push(state.start());
    await until(() => state.overview !== null, 'the first overview');

    // Saved, not yet committed: the next fetch has it with no written day. (An autosave alone
    // asks for no fetch: the schedule only changes once the story is committed.)
    const story = sampleStory({ id: 'fresh-story', title: 'A story written today' });
    await api.saveStory({ story });
    await state.refresh();
    expect(state.scheduleOf(story.id)).toEqual({ status: 'not-committed' });

    await api.commitNow({});
    await until(() => state.scheduleOf(story.id)?.status === 'scheduled', 'the commit in the overview');
    expect(state.scheduleOf(story.id)).toMatchObject({ writtenDay: today, dueDay: addDays(today, 3), due: false });
    expect(state.due.some((line) => line.storyId === story.id)).toBe(false);
  });

  it('stops refetching once unsubscribed', async () => {
    const opened = await setUp();
    const { api, fetches } = counting(opened.api);
    const state = new RehearsalsState(api, Date.now, ZONE);
    const stop = state.start();
    await until(() => state.overview !== null, 'the first overview');
    const take = await api.startTake({ storyId: RAFT, mimeType: null });
    // The in-process transport hands events over as they happen: the take's start asked for a fetch.
    expect(fetches()).toBe(2);
    stop();
    await api.finishTake({ takeId: take.takeId, sidecar: timing({ durationMs: 61_000, mode: 'no-recording' }) });
    await api.deleteTake({ storyId: RAFT, takeFile: take.file });
    await api.saveStory({ story: sampleStory({ id: 'late-story' }) });
    expect(fetches()).toBe(2);
  });

  it('fetches one at a time: any number of requests during a fetch give one fetch more', async () => {
    const opened = await setUp();
    const { api, fetches } = counting(opened.api);
    const state = new RehearsalsState(api, Date.now, ZONE);
    const first = state.refresh();
    const second = state.refresh();
    const third = state.refresh();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(fetches()).toBe(1);
    await first;
    expect(fetches()).toBe(2);
    await state.refresh();
    expect(fetches()).toBe(3);
  });

  it('moves today on at the next fetch (a laptop left open overnight)', async () => {
    const { state, today, setClock } = await setUp();
    await state.refresh();
    expect(state.scheduleOf(RAFT)).toMatchObject({ overdueDays: 7 });

    setClock(Date.parse(`${addDays(today, 1)}T12:00:00Z`));
    expect(state.today).toBe(today);
    await state.refresh();
    expect(state.today).toBe(addDays(today, 1));
    expect(state.scheduleOf(RAFT)).toMatchObject({ overdueDays: 8 });
    expect(state.due[0].overdueDays).toBe(8);
  });

  it('says why the schedule could not be read, keeps the last one, and clears the error once a fetch works', async () => {
    const opened = await setUp();
    // The real client, with its connection to main lost for a while (as the socket transport
    // answers every call while it is down).
    let connected = true;
    const api: StoryBankApi = {
      ...opened.api,
      rehearsalOverview: (input) =>
        connected
          ? opened.api.rehearsalOverview(input)
          : Promise.reject(new ApiCallError('io', 'the connection to Story Bank was lost; try again')),
    };
    const state = new RehearsalsState(api, Date.now, ZONE);
    connected = false;
    await state.refresh();
    expect(state.error).toBe('The review schedule could not be read: the connection to Story Bank was lost; try again');
    expect(state.overview).toBeNull();
    expect(state.due).toEqual([]);

    connected = true;
    await state.refresh();
    expect(state.error).toBeNull();
    const before = state.overview;
    expect(state.scheduleOf(RAFT)).toMatchObject({ status: 'scheduled', overdueDays: 7 });

    connected = false;
    await state.refresh();
    expect(state.error).toMatch(/could not be read/);
    expect(state.overview).toBe(before);
    expect(state.scheduleOf(RAFT)).toMatchObject({ status: 'scheduled', overdueDays: 7 });
  });
});
