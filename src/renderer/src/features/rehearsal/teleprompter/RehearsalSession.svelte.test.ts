import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, until } from '../../../../../../test/helpers/inProcessApi';
import { RAFT_ID, openRehearsalVault } from '../../../../../../test/helpers/rehearsalVault';
import type { StoryBankApi } from '@core/api';
import type { ScriptLayout } from '@core/rehearsal/teleprompterScroll';
import { SECTION_KEYS, type Story } from '@core/story';
import { ApiCallError } from '@renderer/api/createClient';
import { MODE_KEY, RehearsalSession, type ModeStore } from './RehearsalSession.svelte';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sections 100 px tall, one on top of the other, ten words each. */
const layout: ScriptLayout = {
  sections: {
    situation: { offsetPx: 0, heightPx: 100 },
    task: { offsetPx: 100, heightPx: 100 },
    action: { offsetPx: 200, heightPx: 100 },
    result: { offsetPx: 300, heightPx: 100 },
  },
  words: SECTION_KEYS.flatMap((section, s) =>
    Array.from({ length: 10 }, (_, w) => ({ section, offsetPx: s * 100 + w * 10 })),
  ),
};

/** localStorage's two calls, kept in memory. */
function memoryStore(initial: Record<string, string> = {}): ModeStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

/**
 * The sample vault's service, the renderer's client to it, and a session over `count` stories
 * (Raft first) on a clock the test moves: `at(ms)` sets take-clock time ms (the countdown is 3 s
 * from 0) and ticks, as an animation frame would.
 */
async function setUp(
  options: { count?: number; store?: ModeStore; api?: (api: StoryBankApi) => StoryBankApi; layout?: boolean } = {},
) {
  const opened = await openRehearsalVault();
  cleanups.push(opened.close);
  const all = opened.vault.snapshot().stories.map((record) => record.story);
  const raft = all.find((story) => story.id === RAFT_ID) as Story;
  const stories = [raft, ...all.filter((story) => story !== raft)].slice(0, options.count ?? 1);
  const real = inProcessClient(opened.service);
  const api = options.api ? options.api(real) : real;
  let now = 0;
  const store = options.store ?? memoryStore({ [MODE_KEY]: 'no-recording' });
  const session = new RehearsalSession({ stories, api, clock: () => now, store });
  cleanups.push(() => session.close());
  if (options.layout) session.prompter.setLayout(layout);
  const at = (ms: number): void => {
    now = session.prompter.startedAt + 3_000 + ms;
    session.tick();
  };
  const takes = async (storyId = RAFT_ID) => (await real.listTakes({ storyId })).takes;
  return { ...opened, api: real, session, stories, store, at, takes, setNow: (ms: number) => (now = ms) };
}

describe('RehearsalSession', () => {
  it('starts the take on disk as the script moves, pauses it with the prompter, and saves it once when it ends', async () => {
    const { session, at, takes, setNow } = await setUp();
    await session.prepare();
    expect(session.prompter.phase).toBe('countdown');
    setNow(1_000);
    session.tick();
    expect(session.recorder.status).toBe('ready');
    expect(await takes()).toEqual([]);

    at(0);
    expect(session.prompter.phase).toBe('running');
    await until(() => session.recorder.status === 'recording', 'the take started');
    expect((await takes()).map((take) => take.sidecar.status)).toEqual(['recording']);

    at(10_000);
    session.togglePause();
    expect(session.recorder.status).toBe('paused');
    at(15_000);
    session.togglePause();
    expect(session.recorder.status).toBe('recording');
    at(20_000);
    session.finish();
    expect(session.saving).toBe(true);
    session.finish();
    session.tick();
    await session.settled;

    expect(session.saving).toBe(false);
    expect(session.saveError).toBeNull();
    expect(session.saved?.take.sidecar).toMatchObject({
      storyId: RAFT_ID,
      status: 'complete',
      mode: 'no-recording',
      // The teleprompter's pause is not speaking time.
      durationMs: 15_000,
    });
    const stored = await takes();
    expect(stored).toHaveLength(1);
    expect(stored[0].sidecar).toEqual(session.saved?.take.sidecar);
  });

  it('ends and saves the take when the script reaches its end by itself', async () => {
    const { session, at, takes } = await setUp({ layout: true });
    await session.prepare();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the take started');
    // Paced at speed 1 the four sections take their targets; well past them the script has ended.
    at(10 * 60_000);
    expect(session.prompter.phase).toBe('finished');
    await session.settled;
    expect(session.saved?.take.sidecar.status).toBe('complete');
    expect(session.saved?.take.sidecar.sections.map((s) => s.section)).toEqual([...SECTION_KEYS]);
    // The summary calls these times "scroll pace"; the committed sidecar says so too.
    expect(session.saved?.take.sidecar.sections.map((s) => s.timedBy)).toEqual(SECTION_KEYS.map(() => 'scroll'));
    expect(await takes()).toHaveLength(1);
  });

  it('saves the notes through one path: unchanged notes write nothing, and again saves them before the next take', async () => {
    let writes = 0;
    const { session, at, takes } = await setUp({
      api: (real) => ({ ...real, updateTakeNotes: (input) => (writes++, real.updateTakeNotes(input)) }),
    });
    await session.prepare();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the take started');
    at(5_000);
    session.finish();
    await session.settled;
    const notes = session.notes;
    expect(notes).toMatchObject({ storyId: RAFT_ID, takeFile: session.saved?.take.file, text: '', saved: '' });

    await session.saveNotes();
    expect(writes).toBe(0);

    if (notes) notes.text = 'Open with the outage, not the design.';
    await session.again();
    expect(writes).toBe(1);
    expect(notes?.saved).toBe('Open with the outage, not the design.');
    expect((await takes())[0].sidecar.notes).toBe('Open with the outage, not the design.');
    // The next take counts down with a clean summary.
    expect(session.prompter.phase).toBe('countdown');
    expect(session.saved).toBeNull();
    expect(session.notes).toBeNull();
  });

  it('rehearses the stories one after another, each take in its own story', async () => {
    const { session, stories, at, takes } = await setUp({ count: 2 });
    expect(session.story.id).toBe(RAFT_ID);
    expect(session.nextStoryTitle).toBe(stories[1].title);
    await session.prepare();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the first take started');
    at(3_000);
    session.finish();
    await session.settled;

    await session.nextStory();
    expect(session.storyIndex).toBe(1);
    expect(session.story.id).toBe(stories[1].id);
    expect(session.nextStoryTitle).toBeNull();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the second take started');
    at(4_000);
    session.finish();
    await session.settled;
    expect(session.saved?.take.storyId).toBe(stories[1].id);
    expect(await takes(RAFT_ID)).toHaveLength(1);
    expect(await takes(stories[1].id)).toHaveLength(1);

    await session.nextStory();
    expect(session.storyIndex).toBe(1);
  });

  it('remembers the recording mode, and stays ready with why when the devices cannot be opened', async () => {
    const store = memoryStore();
    const { session } = await setUp({ store });
    expect(session.recordingMode).toBe('camera-and-mic');
    // Node has no camera: the take does not count down, and the view can offer the other modes.
    await session.prepare();
    expect(session.prompter.phase).toBe('ready');
    expect(session.recorder.openError).toMatch(/cannot record from a camera and microphone/);

    await session.chooseMode('no-recording');
    expect(store.values.get(MODE_KEY)).toBe('no-recording');
    expect(session.recorder.openError).toBeNull();
    expect(session.prompter.phase).toBe('countdown');

    const again = await setUp({ store });
    expect(again.session.recordingMode).toBe('no-recording');
    const unknown = await setUp({ store: memoryStore({ [MODE_KEY]: 'hologram' }) });
    expect(unknown.session.recordingMode).toBe('camera-and-mic');
  });

  it('still saves the take when the view closes mid-take, and saves nothing when no take is running', async () => {
    const { session, at, takes } = await setUp();
    await session.prepare();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the take started');
    at(7_000);
    await session.close();
    const stored = await takes();
    expect(stored.map((take) => [take.sidecar.status, take.sidecar.durationMs])).toEqual([['complete', 7_000]]);
    expect(session.recorder.status).toBe('off');

    const idle = await setUp();
    await idle.session.prepare();
    await idle.session.close();
    expect(await idle.takes()).toEqual([]);
  });

  it('says why a take is not being saved, could not be saved, or its notes could not be', async () => {
    const lost = () => Promise.reject(new ApiCallError('io', 'the connection to Story Bank was lost; try again'));
    const noStart = await setUp({ api: (real) => ({ ...real, startTake: lost }) });
    await noStart.session.prepare();
    noStart.at(0);
    await until(() => noStart.session.saveError !== null, 'the start failing');
    expect(noStart.session.saveError).toBe(
      'This take is not being saved: the connection to Story Bank was lost; try again',
    );

    const noFinish = await setUp({ api: (real) => ({ ...real, finishTake: lost }) });
    await noFinish.session.prepare();
    noFinish.at(0);
    await until(() => noFinish.session.recorder.status === 'recording', 'the take started');
    noFinish.at(2_000);
    noFinish.session.finish();
    await noFinish.session.settled;
    expect(noFinish.session.saveError).toBe(
      'The take could not be saved: the connection to Story Bank was lost; try again',
    );
    expect(noFinish.session.saved).toBeNull();

    const noNotes = await setUp({ api: (real) => ({ ...real, updateTakeNotes: lost }) });
    await noNotes.session.prepare();
    noNotes.at(0);
    await until(() => noNotes.session.recorder.status === 'recording', 'the take started');
    noNotes.at(2_000);
    noNotes.session.finish();
    await noNotes.session.settled;
    if (noNotes.session.notes) noNotes.session.notes.text = 'Shorter task.';
    await noNotes.session.saveNotes();
    expect(noNotes.session.saveError).toBe(
      'The notes could not be saved: the connection to Story Bank was lost; try again',
    );
    expect(noNotes.session.notes?.edited).toBe(true);
  });

  it('starts in the mode the setup chose and remembers it, and writes nothing when left before the first section', async () => {
    const store = memoryStore();
    const { session, git, takes } = await setUp({ store });
    expect(session.recordingMode).toBe('camera-and-mic');
    await session.start('no-recording');
    expect(store.values.get(MODE_KEY)).toBe('no-recording');
    expect(session.prompter.phase).toBe('countdown');
    // Esc in the countdown: the view closes the session before Situation starts.
    await session.close();
    expect(await takes()).toEqual([]);
    // Not even an ignored file: nothing was written under rehearsals/.
    expect(await git('status', '--porcelain', '--ignored', '--', 'rehearsals')).toBe('');
    expect(await git('status', '--porcelain')).toBe('');
  });

  it('goes back to the setup between takes, and not during one', async () => {
    const { session, at } = await setUp();
    await session.prepare();
    expect(await session.toSetup()).toBe(true);
    expect(session.prompter.phase).toBe('ready');
    await session.start('no-recording');
    at(0);
    await until(() => session.recorder.status === 'recording', 'the take started');
    expect(await session.toSetup()).toBe(false);
    expect(session.prompter.phase).toBe('running');
  });

  it('discards a saved take: both files removed through the take store and the removal committed', async () => {
    const { session, at, takes, git } = await setUp();
    await session.prepare();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the take started');
    at(4_000);
    session.finish();
    await session.settled;
    const file = session.saved?.take.file ?? '';
    expect(session.saved?.committed).toBe(true);
    expect(await git('ls-files', '--', `rehearsals/${RAFT_ID}/${file}`)).toBe(`rehearsals/${RAFT_ID}/${file}`);

    await session.discard();
    expect(session.saveError).toBeNull();
    expect(session.discarded).toBe('Take discarded: its files were removed and the removal committed.');
    expect(session.saved).toBeNull();
    expect(session.notes).toBeNull();
    expect(await takes()).toEqual([]);
    expect(await git('status', '--porcelain', '--ignored', '--', 'rehearsals')).toBe('');
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('log', '-1', '--name-status', '--format=%s')).toBe(
      `rehearsal: remove a take of ${session.story.title}\n\nD\trehearsals/${RAFT_ID}/${file}`,
    );
    // Nothing left to discard: a second call does nothing.
    await session.discard();
    expect(session.saveError).toBeNull();
  });

  it('says why a take could not be discarded, and keeps it and its notes', async () => {
    const lost = () => Promise.reject(new ApiCallError('io', 'the connection to Story Bank was lost; try again'));
    const { session, at, takes } = await setUp({ api: (real) => ({ ...real, deleteTake: lost }) });
    await session.prepare();
    at(0);
    await until(() => session.recorder.status === 'recording', 'the take started');
    at(2_000);
    session.finish();
    await session.settled;
    await session.discard();
    expect(session.saveError).toBe('The take could not be discarded: the connection to Story Bank was lost; try again');
    expect(session.saved).not.toBeNull();
    expect(session.notes).not.toBeNull();
    expect(session.discarded).toBeNull();
    expect(await takes()).toHaveLength(1);
  });
});
