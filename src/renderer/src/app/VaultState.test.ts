/* eslint-disable no-restricted-imports -- this test runs the renderer's state against the real
   main-process service in one Node process; the renderer itself never imports main or Node. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleVault, until } from '../../../../test/helpers/inProcessApi';
import { VaultState } from './VaultState.svelte';

/**
 * VaultState against the real service on a temp copy of the sample vault: the renderer's client
 * over an in-process transport that carries calls and events as JSON, as the WebSocket does.
 */
const opened: Array<{ close: () => Promise<void>; stop: () => void }> = [];
afterEach(async () => {
  for (const { close, stop } of opened.splice(0)) {
    stop();
    await close();
  }
});

const RAFT = 'stories/01-replicating-attestations-with-raft.md';
const RAFT_ID = 'raft-attestation-log';

async function setUp(options: { watch?: boolean; start?: boolean } = {}) {
  const { root, vault, api, close } = await openSampleVault({ watch: options.watch });
  const state = new VaultState(api);
  const stop = options.start === false ? () => {} : state.start();
  opened.push({ close, stop });
  if (options.start !== false) await until(() => state.status === 'ready');
  return { root, vault, state, read: (file: string) => readFile(join(root, file), 'utf8') };
}

/** The lines of `after` that differ from `before`, which must have the same number of lines. */
function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]] as [string, string]]));
}

const column = (state: VaultState, competency: string) =>
  state.columns.find((c) => c.competency === competency)!.records.map((r) => r.story.id);

describe('VaultState.move', () => {
  it('rewrites only the competency line, and the board shows the story in its new column', async () => {
    const { state, read } = await setUp();
    const before = await read(RAFT);
    expect(state.findById(RAFT_ID)?.story.competency).toBe('distributed-systems');

    const outcome = await state.move(RAFT_ID, 'collaboration');

    expect(outcome).toMatchObject({ kind: 'moved', id: RAFT_ID, competency: 'collaboration' });
    expect(outcome.message).toBe('Moved “Replicating attestations with Raft” to Collaboration.');
    const after = await read(RAFT);
    expect(changedLines(before, after)).toEqual([['competency: distributed-systems', 'competency: collaboration']]);
    expect(column(state, 'collaboration')).toContain(RAFT_ID);
    expect(column(state, 'distributed-systems')).toEqual([]);
    expect(state.findById(RAFT_ID)?.hash).not.toBe('');
  });

  it('writes nothing when the story is already in that column, or is gone', async () => {
    const { state, read } = await setUp();
    const before = await read(RAFT);
    expect(await state.move(RAFT_ID, 'distributed-systems')).toMatchObject({ kind: 'unchanged' });
    expect(await state.move('no-such-story', 'security')).toMatchObject({
      kind: 'missing',
      message: '“no-such-story” is no longer in the vault; nothing was moved.',
    });
    expect(await read(RAFT)).toBe(before);
  });

  it('merges with an outside edit elsewhere in the file that the board had not seen yet', async () => {
    // Without the watcher the board keeps the old version, as it would in the instant after an edit.
    const { root, state, read } = await setUp({ watch: false });
    const edited = (await read(RAFT)).replace('## Result', '## Result\n\nEdited in another program.\n');
    await writeFile(join(root, RAFT), edited);

    const outcome = await state.move(RAFT_ID, 'architecture');

    expect(outcome.kind).toBe('merged');
    expect(outcome.message).toMatch(/both changes were kept/);
    expect(changedLines(edited, await read(RAFT))).toEqual([
      ['competency: distributed-systems', 'competency: architecture'],
    ]);
    expect(column(state, 'architecture')).toContain(RAFT_ID);
  });

  it('on a conflict writes nothing, keeps the board as it was, and says so', async () => {
    const { root, state, read } = await setUp({ watch: false });
    const edited = (await read(RAFT)).replace('competency: distributed-systems', 'competency: security');
    await writeFile(join(root, RAFT), edited);

    const outcome = await state.move(RAFT_ID, 'collaboration');

    expect(outcome.kind).toBe('conflict');
    expect(outcome.message).toBe(
      `“Replicating attestations with Raft” was not moved: ${RAFT} changed on disk since the board showed it, in the same place. Nothing was written; open the story to see the change.`,
    );
    expect(await read(RAFT)).toBe(edited);
    expect(column(state, 'distributed-systems')).toEqual([RAFT_ID]);
  });
});

describe('VaultState.create', () => {
  it('adds an empty story file under the competency and returns its id', async () => {
    const { state, read } = await setUp();
    const id = await state.create('security');
    expect(id).toBe('untitled-story');
    const record = state.findById(id)!;
    expect(record.file).toBe('stories/untitled-story.md');
    expect(column(state, 'security')).toEqual(['threshold-signed-attestations', 'untitled-story']);
    const text = await read(record.file);
    expect(text).toMatch(/^---\nid: untitled-story\ntitle: Untitled story\ncompetency: security\n/);
    expect(text).toContain('## Situation');

    const second = await state.create('security');
    expect(second).toBe('untitled-story-2');
    expect(state.findById(second)).toMatchObject({
      file: 'stories/untitled-story-2.md',
      story: { title: 'Untitled story 2', competency: 'security' },
    });
    await until(() => state.records.length === 10, 'ten stories on the board');
  });

  it('never replaces a story main has that this window has not heard of yet', async () => {
    const { state: first, read } = await setUp();
    await first.create('debugging');
    const made = await read('stories/untitled-story.md');
    // A second window that has not loaded the vault yet knows no ids at all.
    const stale = new VaultState(first.api);
    const id = await stale.create('performance');
    expect(id).toBe('untitled-story-2');
    expect(await read('stories/untitled-story.md')).toBe(made);
  });
});

describe('VaultState.resync', () => {
  it('catches up on changes whose events were missed (as while the socket was down)', async () => {
    const { root, vault, state } = await setUp({ watch: true });
    const heard: string[] = [];
    state.onUpsert((record) => heard.push(record.story.id));
    // Events stop reaching the state, as they do while the browser host's socket is down.
    opened[opened.length - 1].stop();
    const raft = state.findById(RAFT_ID)!;
    const saved = await state.api.saveStory({
      story: { ...raft.story, title: 'Changed while away' },
      baseHash: raft.hash,
    });
    expect(saved.kind).toBe('saved');
    const removed = state.records.find((record) => record.story.id !== RAFT_ID)!;
    await rm(join(root, removed.file));
    await until(() => !vault.findById(removed.story.id), 'the vault noticing the deletion');
    expect(state.findById(RAFT_ID)?.story.title).not.toBe('Changed while away');
    expect(state.findById(removed.story.id)).toBeDefined();

    await state.resync();
    expect(state.findById(RAFT_ID)?.story.title).toBe('Changed while away');
    expect(state.findById(removed.story.id)).toBeUndefined();
    expect(state.records.map((record) => record.story.id).sort()).toEqual(
      vault
        .snapshot()
        .stories.map((record) => record.story.id)
        .sort(),
    );
    expect(heard).toContain(RAFT_ID);
  });
});
