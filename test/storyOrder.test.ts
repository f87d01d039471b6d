import { spawnSync } from 'node:child_process';
import { readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoryOrder } from '../src/core/api';
import { STORY_ORDER_FILE } from '../src/core/storyOrderFile';
import { openSampleVault, until } from './helpers/sampleVault';
import { tempDir } from './helpers/tempDir';

type Opened = Awaited<ReturnType<typeof openSampleVault>>;
let opened: Opened | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8', env }).stdout.trim();

/** The sample vault, its files renamed so that their names sort Performance first and Security last. */
async function openScrambled(): Promise<Opened> {
  const vault = await openSampleVault();
  const stories = join(vault.root, 'stories');
  await vault.close();
  await rename(join(stories, '05-caching-verified-certificate-chains.md'), join(stories, '00-caching.md'));
  await rename(join(stories, '02-requiring-two-signatures-for-every-attestation.md'), join(stories, '99-two.md'));
  const { Vault } = await import('../src/main/vault/vault');
  const { createStoryBankService } = await import('../src/main/api/storyBankService');
  const reopened = await Vault.open(vault.root);
  const service = createStoryBankService(reopened, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  await service.startWatching();
  return {
    root: vault.root,
    vault: reopened,
    service,
    close: async () => {
      await service.close();
      await reopened.close();
    },
  };
}

/** The `storyOrderChanged` events the service sends from now on. */
function events(vault: Opened): StoryOrder[] {
  const seen: StoryOrder[] = [];
  vault.service.subscribe((event, payload) => {
    if (event === 'storyOrderChanged') seen.push(payload as StoryOrder);
  });
  return seen;
}

/** The deliverable's "## Story N: title" headings, as exported. */
async function exportedHeadings(vault: Opened): Promise<string[]> {
  const outcome = await vault.service.handlers.exportDeliverable({ force: true });
  if (outcome.kind === 'refused') throw new Error(outcome.reason);
  const text = await readFile(outcome.path, 'utf8');
  return [...text.matchAll(/^## Story #(\d+): (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe('the order of the stories', () => {
  it('exports in the board’s competency order by default, whatever the files are called', async () => {
    opened = await openScrambled();
    const headings = await exportedHeadings(opened);
    expect(headings[0]).toBe('1 Replicating attestations with Raft');
    expect(headings[1]).toBe('2 Requiring two signatures for every attestation');
    expect(headings[4]).toBe('5 Caching verified certificate chains');
  });

  it('saves a reorder in stories/order.json, commits it, and the export follows', async () => {
    opened = await openScrambled();
    const { handlers } = opened.service;
    const order = await handlers.setStoryOrder({ ids: ['failed-checkpoint-demo', 'chain-verification-cache'] });
    expect(order).toEqual({
      ids: ['failed-checkpoint-demo', 'chain-verification-cache'],
      file: STORY_ORDER_FILE,
      problem: null,
    });
    expect(JSON.parse(await readFile(join(opened.root, STORY_ORDER_FILE), 'utf8'))).toEqual({
      order: ['failed-checkpoint-demo', 'chain-verification-cache'],
    });
    const headings = await exportedHeadings(opened);
    expect(headings.slice(0, 3)).toEqual([
      '1 Failing a live demo at the week 12 checkpoint',
      '2 Caching verified certificate chains',
      '3 Replicating attestations with Raft',
    ]);
    // The export commits what was pending first: the order file is in history.
    expect(git(opened.root, 'log', '--format=%s', '--', STORY_ORDER_FILE)).toBe('story: order of the deliverable');
    expect(git(opened.root, 'status', '--porcelain', '--', STORY_ORDER_FILE)).toBe('');
  });

  it('keeps a story’s place when its title (and so its file) changes, and skips a deleted one', async () => {
    opened = await openScrambled();
    const { handlers } = opened.service;
    await handlers.setStoryOrder({ ids: ['review-turnaround', 'epoll-lost-wakeup', 'verification-slo'] });
    const review = opened.vault.findById('review-turnaround')!;
    await handlers.saveStory({ story: { ...review.story, title: 'Unsticking code reviews' }, baseHash: review.hash });
    expect(opened.vault.findById('review-turnaround')?.file).not.toBe(review.file);
    await handlers.deleteStory({ id: 'epoll-lost-wakeup' });
    const headings = await exportedHeadings(opened);
    expect(headings.slice(0, 2)).toEqual(['1 Unsticking code reviews', '2 Setting an SLO for binary verification']);
    expect(headings).toHaveLength(7);
  });

  it('follows an outside edit of the order file live', async () => {
    opened = await openSampleVault();
    const seen = events(opened);
    await opened.service.handlers.getStoryOrder({});
    await writeFile(join(opened.root, STORY_ORDER_FILE), '{"order": ["append-only-store"]}\n');
    await until(() => seen.length > 0, 'the order change event');
    expect(seen.at(-1)).toEqual({ ids: ['append-only-store'], file: STORY_ORDER_FILE, problem: null });
    expect(await opened.service.handlers.getStoryOrder({})).toEqual(seen.at(-1));
  });

  it('answers the order without watching it, and from startWatching reports what changed meanwhile', async () => {
    // The page's first load asks for the order: watching stories/ (a scan of every file) must
    // not hold that answer back, so the service watches only once it is told to.
    opened = await openSampleVault({ watch: false });
    const seen = events(opened);
    expect(await opened.service.handlers.getStoryOrder({})).toEqual({
      ids: null,
      file: STORY_ORDER_FILE,
      problem: null,
    });
    await writeFile(join(opened.root, STORY_ORDER_FILE), '{"order": ["append-only-store"]}\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([]);
    await opened.service.startWatching();
    await until(() => seen.length > 0, 'the order change event');
    expect(seen).toEqual([{ ids: ['append-only-store'], file: STORY_ORDER_FILE, problem: null }]);
  });

  it('falls back to the board’s order on a badly edited file, and never replaces it unasked', async () => {
    opened = await openSampleVault();
    const { handlers } = opened.service;
    const path = join(opened.root, STORY_ORDER_FILE);
    const handWritten = '{"order": ["append-only-store", }\n';
    const seen = events(opened);
    // The file is read and watched from here on: written before, its first read would hold the
    // edit and no change event would come.
    await handlers.getStoryOrder({});
    await writeFile(path, handWritten);
    await until(() => seen.length > 0, 'the order change event');
    const order = await handlers.getStoryOrder({});
    expect(order.ids).toBeNull();
    expect(order.problem).toMatch(/stories\/order\.json is not an order file: it is not valid JSON/);
    expect((await exportedHeadings(opened))[0]).toBe('1 Replicating attestations with Raft');

    await expect(handlers.setStoryOrder({ ids: ['append-only-store'] })).rejects.toThrow(
      /not an order file[\s\S]*left as it is/,
    );
    expect(await readFile(path, 'utf8')).toBe(handWritten);

    const replaced = await handlers.setStoryOrder({ ids: ['append-only-store'], replaceUnreadable: true });
    expect(replaced).toEqual({ ids: ['append-only-store'], file: STORY_ORDER_FILE, problem: null });
    // What the user had written is in history.
    expect(git(opened.root, 'show', `HEAD:${STORY_ORDER_FILE}`)).toBe(handWritten.trim());
  }, 15_000);

  it('never reads an order file through a link; going back to the board’s order removes the file', async () => {
    opened = await openSampleVault();
    const { handlers } = opened.service;
    const outside = join(await tempDir(), 'order.json');
    await writeFile(outside, '{"order": ["append-only-store"]}');
    await symlink(outside, join(opened.root, STORY_ORDER_FILE));
    const { readStoryOrder } = await import('../src/main/vault/storyOrderFile');
    const order = await readStoryOrder(opened.root);
    expect(order.ids).toBeNull();
    expect(order.problem).toMatch(/symbolic link/);

    await handlers.setStoryOrder({ ids: ['verification-slo'], replaceUnreadable: true });
    expect(await readFile(outside, 'utf8')).toBe('{"order": ["append-only-store"]}');
    expect((await handlers.setStoryOrder({ ids: null })).ids).toBeNull();
    await expect(readFile(join(opened.root, STORY_ORDER_FILE))).rejects.toThrow(/ENOENT/);
  });
});
