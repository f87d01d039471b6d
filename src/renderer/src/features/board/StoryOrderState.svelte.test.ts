/* eslint-disable no-restricted-imports -- this test runs the renderer's state against the real
   main-process service in one Node process; the renderer itself never imports main or Node. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSampleVault, until } from '../../../../../test/helpers/inProcessApi';
import type { StoryBankApi } from '@core/api';
import { STORY_ORDER_FILE } from '@core/storyOrderFile';
import { VaultState } from '@renderer/app/VaultState.svelte';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const opened = await openSampleVault();
  cleanups.push(opened.close);
  const vault = new VaultState(opened.api);
  cleanups.push(vault.start());
  await until(() => vault.status === 'ready', 'the first load');
  const ids = () => vault.ordered.map((record) => record.story.id);
  return { ...opened, vault, order: vault.order, ids };
}

describe('StoryOrderState', () => {
  it('moves a story, shows it at once, saves it, and says its new number', async () => {
    const { order, ids, root } = await setUp();
    expect(ids().slice(0, 3)).toEqual(['raft-attestation-log', 'threshold-signed-attestations', 'verification-slo']);
    const moving = order.moveBy('verification-slo', -1);
    // Shown before main answers.
    expect(ids().slice(0, 3)).toEqual(['raft-attestation-log', 'verification-slo', 'threshold-signed-attestations']);
    expect(await moving).toEqual({
      ok: true,
      message: '“Setting an SLO for binary verification” is now #2 of 8 in the deliverable.',
    });
    expect(order.numberOf('verification-slo')).toBe(2);
    expect(JSON.parse(await readFile(join(root, STORY_ORDER_FILE), 'utf8')).order.slice(0, 3)).toEqual(
      ids().slice(0, 3),
    );
    expect(await order.moveBy('raft-attestation-log', -1)).toEqual({
      ok: true,
      message: '“Replicating attestations with Raft” stays #1 of 8.',
    });
  });

  it('puts the order back, and does not claim it saved, when main refuses the move', async () => {
    const { order, ids, root, service } = await setUp();
    const before = ids();
    // The file turns unreadable behind the page's back, before the watcher has told it.
    await writeFile(join(root, STORY_ORDER_FILE), '{"order": [');
    const outcome = await order.moveTo('failed-checkpoint-demo', 0);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^The order was not saved: .*not an order file/);
    expect(ids()).toEqual(before);
    expect(await readFile(join(root, STORY_ORDER_FILE), 'utf8')).toBe('{"order": [');
    // Told of the problem, it offers no move until the file is replaced.
    await until(() => order.saved.problem !== null, 'the problem');
    expect((await order.moveTo('failed-checkpoint-demo', 0)).message).toMatch(/^The order cannot be changed yet/);
    await order.replaceUnreadable();
    expect((await service.handlers.getStoryOrder({})).ids).toEqual(before);
  });

  it('is part of the first load: the board is numbered by the order file from its first build', async () => {
    const opened = await openSampleVault();
    cleanups.push(opened.close);
    await opened.api.setStoryOrder({ ids: ['review-turnaround'] });
    // A slow answer (a busy host): the board waits for it rather than being built without it.
    const api: StoryBankApi = {
      ...opened.api,
      getStoryOrder: async (input) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return opened.api.getStoryOrder(input);
      },
    };
    const vault = new VaultState(api);
    cleanups.push(vault.start());
    await vault.loaded;
    expect(vault.status).toBe('ready');
    expect(vault.order.numberOf('review-turnaround')).toBe(1);
    expect(vault.ordered.map((record) => record.story.id)[1]).toBe('raft-attestation-log');
  });

  it('follows an outside edit, and numbers the board’s columns by it', async () => {
    const { vault, order, root } = await setUp();
    await writeFile(join(root, STORY_ORDER_FILE), '{"order": ["review-turnaround"]}\n');
    await until(() => order.numberOf('review-turnaround') === 1, 'the outside edit');
    expect(order.numberOf('raft-attestation-log')).toBe(2);
    expect(vault.columns.flatMap((c) => c.records).map((r) => r.story.id)).toHaveLength(8);
  });
});
