import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, until } from '../../../../../test/helpers/inProcessApi';
import { openRehearsalVault } from '../../../../../test/helpers/rehearsalVault';
import { drillRecordSchema } from '@core/drill/drillSchema';
import type { Story } from '@core/story';
import { MODE_KEY, type ModeStore } from '../rehearsal/teleprompter/RehearsalSession.svelte';
import { DrillState } from './DrillState.svelte';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memoryStore(): ModeStore {
  const values = new Map([[MODE_KEY, 'no-recording']]);
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

/** A drill on the sample vault, through the renderer's client, on a clock the test moves. */
async function setUp(seed = 5) {
  const opened = await openRehearsalVault();
  cleanups.push(opened.close);
  const stories: Story[] = opened.vault.snapshot().stories.map((record) => record.story);
  const api = inProcessClient(opened.service);
  let now = 1_000;
  const drill = new DrillState({
    api,
    stories,
    overview: () => null,
    dueStoryIds: () => new Set(),
    clock: () => now,
    seed,
    store: memoryStore(),
    countdownSeconds: 0,
  });
  cleanups.push(() => drill.close());
  return { ...opened, api, drill, stories, advance: (ms: number) => (now += ms) };
}

describe('DrillState', () => {
  it('times the picks, explains a wrong one, records the telling with its drill, and saves the self-check', async () => {
    const { drill, stories, advance, api } = await setUp();
    const question = drill.question!;
    expect(question.choices).toEqual(stories.map((story) => story.id));
    const wrong = question.choices.find((id) => !question.rightStoryIds.includes(id))!;
    const right = question.rightStoryIds[0];

    advance(4_200);
    drill.pick(wrong);
    expect(drill.step).toBe('question');
    expect(drill.verdict).toMatchObject({ correct: false, pickedId: wrong });
    expect(drill.verdict!.right.map((story) => story.id)).toEqual(question.rightStoryIds);
    advance(1_300);
    drill.pick(right);
    expect(drill.step).toBe('setup');
    expect(drill.told?.id).toBe(right);
    expect(drill.picks).toEqual([
      { storyId: wrong, atMs: 4_200 },
      { storyId: right, atMs: 5_500 },
    ]);

    await drill.start('no-recording');
    const session = drill.session!;
    drill.tick();
    expect(session.prompter.phase).toBe('running');
    await until(() => session.recorder.status === 'recording', 'the take started');
    advance(10_000);
    drill.tick();
    session.jump(1);
    session.jump(1);
    advance(2_000);
    drill.tick();
    drill.peek();
    drill.peek(); // the same section again: one peek
    expect(drill.peeking).toBe('action');
    advance(30_000);
    session.jump(1);
    drill.tick();
    expect(drill.peeking).toBeNull();
    advance(5_000);
    session.finish();
    drill.tick();
    expect(drill.step).toBe('self-check');
    await until(() => drill.take !== null, 'the take saved');

    const record = drillRecordSchema.parse(drill.take!.sidecar.drill);
    expect(record).toMatchObject({
      questionType: question.type.label,
      question: question.question,
      rightStoryIds: question.rightStoryIds,
      picks: [
        { storyId: wrong, correct: false, atMs: 4_200 },
        { storyId: right, correct: true, atMs: 5_500 },
      ],
      correct: false,
      chooseMs: 4_200,
      peeks: [{ section: 'action', atMs: 12_000 }],
    });
    expect(record.rubric.at(-1)).toEqual({ kind: 'under-two-minutes', text: '2:00', checked: true });
    expect(drill.take!.storyId).toBe(right);

    drill.checks.forEach((_, index) => drill.setCheck(index, index % 2 === 0));
    await drill.saveCheck();
    expect(drill.error).toBeNull();
    expect(drill.checkSaved).toBe(true);
    const stored = (await api.listTakes({ storyId: right })).takes[0].sidecar.drill!;
    expect(stored.rubric.map((item) => item.checked)).toEqual(
      record.rubric.map((item, index) => (item.kind === 'under-two-minutes' ? true : index % 2 === 0)),
    );
  });

  it('keeps a self-check ticked but not saved when the drill moves on', async () => {
    const { drill, api } = await setUp();
    const right = drill.question!.rightStoryIds[0];
    drill.pick(right);
    await drill.start('no-recording');
    drill.tick();
    await until(() => drill.session!.recorder.status === 'recording', 'the take started');
    drill.session!.finish();
    drill.tick();
    await until(() => drill.take !== null, 'the take saved');
    drill.setCheck(0, true);
    await drill.next();
    expect(drill.step).toBe('question');
    const rubric = (await api.listTakes({ storyId: right })).takes[0].sidecar.drill!.rubric;
    expect(rubric[0].checked).toBe(true);
    expect(rubric.slice(1, -1).every((item) => item.checked === false)).toBe(true);
  });

  it('asks the same first question for the same seed, and a different type next', async () => {
    const a = await setUp(11);
    const b = await setUp(11);
    expect(b.drill.question).toEqual(a.drill.question);
    const first = a.drill.question!.type.key;
    const seen = new Set([first]);
    for (let i = 0; i < 5; i += 1) {
      a.drill.ask();
      seen.add(a.drill.question!.type.key);
    }
    expect(seen.size).toBeGreaterThan(1);
    // Picking a story that is not offered does nothing.
    a.drill.pick('no-such-story');
    expect(a.drill.picks).toEqual([]);
  });
});
