import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, until } from '../../../../../../test/helpers/inProcessApi';
import { RAFT_ID, openRehearsalVault, timing } from '../../../../../../test/helpers/rehearsalVault';
import { ApiCallError } from '@renderer/api/createClient';
import { StoryHistoryState } from '@renderer/features/history/StoryHistoryState.svelte';
import { StoryTakesState } from './StoryTakesState.svelte';
import { TakeNotes } from './TakeNotes.svelte';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const opened = await openRehearsalVault();
  cleanups.push(opened.close);
  const api = inProcessClient(opened.service);
  /** A finished take of Raft with timing only. */
  const take = async (durationMs: number) => {
    const started = await api.startTake({ storyId: RAFT_ID, mimeType: null });
    return (await api.finishTake({ takeId: started.takeId, sidecar: timing({ durationMs, mode: 'no-recording' }) }))
      .take;
  };
  return { ...opened, api, take };
}

const lost = () => Promise.reject(new ApiCallError('io', 'the connection to Story Bank was lost; try again'));

describe('StoryTakesState', () => {
  it('lists the story’s takes and lists them again when one is added', async () => {
    const { api, take } = await setUp();
    const first = await take(40_000);
    const state = new StoryTakesState(api, RAFT_ID);
    cleanups.push(state.start());
    await until(() => state.list !== null, 'the first list');
    expect(state.list?.takes.map((t) => t.file)).toEqual([first.file]);
    expect([state.notes[first.file].text, state.notes[first.file].saved]).toEqual([
      first.sidecar.notes,
      first.sidecar.notes,
    ]);
    expect(first.sidecar.notes).not.toBe('');

    const second = await take(50_000);
    await until(() => state.list?.takes.length === 2, 'the new take listed');
    expect(Object.keys(state.notes).sort()).toEqual([first.file, second.file].sort());
    expect(state.error).toBeNull();
  });

  it('saves notes through TakeNotes, and never writes an unedited box back over notes saved elsewhere', async () => {
    const { api, take } = await setUp();
    const stored = await take(40_000);
    const state = new StoryTakesState(api, RAFT_ID);
    cleanups.push(state.start());
    await until(() => state.list !== null, 'the first list');

    // The take summary (another TakeNotes on the same take) saves notes while the tab is open.
    const summary = new TakeNotes(api, { storyId: RAFT_ID, takeFile: stored.file, notes: stored.sidecar.notes });
    summary.text = 'Too long on the task.';
    expect(await summary.save()).toBeNull();
    await until(() => state.notes[stored.file].text === 'Too long on the task.', 'the tab following the disk');

    // Leaving the tab's box without an edit (a blur) writes nothing back.
    await state.saveNotes(stored);
    expect((await api.listTakes({ storyId: RAFT_ID })).takes[0].sidecar.notes).toBe('Too long on the task.');

    // An edit in progress is kept across a reload; saving it writes it.
    state.notes[stored.file].text = 'Shorter task, then the numbers.';
    await state.load();
    expect(state.notes[stored.file].text).toBe('Shorter task, then the numbers.');
    await state.saveNotes(stored);
    expect((await api.listTakes({ storyId: RAFT_ID })).takes[0].sidecar.notes).toBe('Shorter task, then the numbers.');
    expect(state.notes[stored.file].edited).toBe(false);
  });

  it('deletes a take, and says why when it cannot list, delete or save notes', async () => {
    const { api, take } = await setUp();
    const stored = await take(40_000);
    const state = new StoryTakesState(api, RAFT_ID);
    await state.load();
    expect(await state.remove(stored)).toBe(true);
    expect(state.deleting).toBe(false);
    expect(state.list?.takes).toEqual([]);
    expect(await state.remove(stored)).toBe(false);
    expect(state.error).toMatch(/^The take could not be deleted: no take /);

    const other = await take(45_000);
    const offline = new StoryTakesState({ ...api, listTakes: lost, updateTakeNotes: lost }, RAFT_ID);
    await offline.load();
    expect(offline.error).toBe('The takes could not be listed: the connection to Story Bank was lost; try again');
    const online = new StoryTakesState({ ...api, updateTakeNotes: lost }, RAFT_ID);
    await online.load();
    online.notes[other.file].text = 'Lost?';
    await online.saveNotes(other);
    expect(online.error).toBe('The notes could not be saved: the connection to Story Bank was lost; try again');
    expect(online.notes[other.file].edited).toBe(true);
  });
});

describe('StoryHistoryState', () => {
  it('lists the story’s commits, opens one, restores it, and says why a revision cannot be read', async () => {
    const { api } = await setUp();
    const history = new StoryHistoryState(api, RAFT_ID);
    await history.load();
    expect(history.error).toBeNull();
    const [revision] = history.revisions ?? [];
    expect(revision.path).toMatch(/^stories\/.+\.md$/);

    await history.view(revision);
    expect(history.viewing?.revision).toEqual(revision);
    expect(history.viewing?.content.text).toContain('Replicating attestations with Raft');

    await history.restore(revision);
    expect(history.viewing).toBeNull();
    expect(history.error).toBeNull();

    // A commit that does not exist: a message, not an unhandled rejection.
    await history.view({ ...revision, commit: '0'.repeat(40) });
    expect(history.error).toMatch(/0{8}/);
    expect(history.viewing).toBeNull();
  });
});
