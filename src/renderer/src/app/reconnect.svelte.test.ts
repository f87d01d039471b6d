/* eslint-disable no-restricted-imports --
   The renderer never imports main or Node; this test does on purpose: it drives the editor over
   the page's real WebSocket transport (ws's client under Node) to the real browser host, real
   service, vault and git in a temp folder, and stops and restarts the host on its port. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { renderStoryFile } from '@core/frontmatter/renderStoryFile';
import { createStoryBankService } from '../../../main/api/storyBankService';
import { startBrowserHost, type BrowserHost } from '../../../main/host/browserHost';
import { cookieName, newToken } from '../../../main/host/hostAuth';
import { Vault } from '../../../main/vault/vault';
import { createClient } from '../api/createClient';
import { webSocketTransport, type WebSocketTransport } from '../api/webSocketTransport';
import { StoryEditorState } from '../features/editor/StoryEditorState.svelte';
import { VaultState } from './VaultState.svelte';
import { sampleStory } from '../../../../test/helpers/sampleStory';
import { until as waitFor } from '../../../../test/helpers/sampleVault';
import { tempDir } from '../../../../test/helpers/tempDir';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

let headers: Record<string, string> = {};
beforeAll(() => {
  // The page's WebSocket sends its Origin and the cookie the first visit set; ws's client is told to.
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  }
  globalThis.WebSocket = PageWebSocket as unknown as typeof globalThis.WebSocket;
});

/** Resolves when the transport's status becomes `connected` (or already is). */
function until(transport: WebSocketTransport, connected: boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = transport.onStatus((now) => {
      if (now !== connected) return;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

/**
 * A vault holding the sample story, its service, and the browser host on it, which the test can
 * stop and start again on the same port with the same token (as serve with STORY_BANK_TOKEN).
 */
async function hostedVault() {
  const root = await tempDir();
  await mkdir(join(root, 'stories'));
  const file = join(root, 'stories', 'raft.md');
  await writeFile(file, renderStoryFile(sampleStory()));
  const vault = await Vault.open(root);
  cleanup.push(() => vault.close());
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  cleanup.push(() => service.close());
  const token = newToken();
  const staticDir = join(process.cwd(), 'src', 'renderer');
  let host: BrowserHost | null = await startBrowserHost({ service, staticDir, token });
  const { port } = host;
  cleanup.push(() => host?.close());
  headers = { origin: `http://127.0.0.1:${port}`, cookie: `${cookieName(port)}=${token}` };
  const transport = webSocketTransport(`ws://127.0.0.1:${port}/api`, { retryMs: [50], queueMs: 300 });
  cleanup.push(() => transport.close());
  return {
    file,
    vault,
    transport,
    api: createClient(transport),
    async stop() {
      await host?.close();
      host = null;
    },
    async start() {
      host = await startBrowserHost({ service, staticDir, token, port });
    },
  };
}

describe('the page over the browser host, stopped and restarted', () => {
  it('the editor keeps edits whose save failed while the host was down, and saves them once it is back', async () => {
    const { file, vault, transport, api, stop, start } = await hostedVault();
    const editor = new StoryEditorState(api, vault.findById('raft-failover')!);
    cleanup.push(() => editor.dispose());
    await until(transport, true);

    await stop();
    await until(transport, false);
    editor.edit('metric', 'typed while the host was down');
    await editor.save();
    expect(editor.status).toBe('error');
    expect(editor.dirty).toBe(true);
    expect(editor.error).toMatch(/saved when Story Bank is back/);
    expect(editor.draft.metric).toBe('typed while the host was down');
    expect(await readFile(file, 'utf8')).not.toContain('typed while the host was down');

    await start();
    await until(transport, true);
    await editor.retry();
    expect(editor.status).toBe('saved');
    expect(editor.dirty).toBe(false);
    expect(editor.error).toBeNull();
    expect(await readFile(file, 'utf8')).toContain('metric: typed while the host was down');
  });

  it('a first load that failed while the host was down is made on reconnect, and events apply after', async () => {
    const { vault, transport, api, stop, start } = await hostedVault();
    await until(transport, true);
    await stop();
    await until(transport, false);
    const state = new VaultState(api);
    cleanup.push(state.start());
    await state.loaded;
    expect(state.status).toBe('failed');
    expect(state.error).toMatch(/unreachable/);

    await start();
    await until(transport, true);
    await state.resync();
    expect(state.status).toBe('ready');
    expect(state.error).toBeNull();
    expect(state.info?.root).toBe(vault.root);
    expect(state.records.map((record) => record.story.id)).toEqual(['raft-failover']);

    // The change event of a save made elsewhere now reaches the state.
    const record = vault.findById('raft-failover')!;
    await api.saveStory({ story: { ...record.story, title: 'Saved after the reconnect' }, baseHash: record.hash });
    await waitFor(() => state.findById('raft-failover')?.story.title === 'Saved after the reconnect');
  });
});
