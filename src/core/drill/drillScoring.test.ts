import { describe, expect, it } from 'vitest';
import { buildDrillRecord } from './buildDrillRecord';
import { MAX_DRILL_PICKS } from './drillRecord';
import { drillReport } from './drillReport';
import { drillRecordSchema } from './drillSchema';
import { median, questionTypeStats, rubricTrends, weakestTypes, type DrillHistoryEntry } from './drillStats';
import { questionBank } from './questionBank';
import { applyRubricChecks, buildRubric, rubricScore } from './rubric';
import { pauseEndsSection } from './pauseAdvance';
import { scorePick } from './scorePick';

const raft = {
  id: 'raft',
  title: 'Replicating attestations with Raft',
  competency: 'distributed-systems',
  questionTypes: ['Tell me about a technical decision you made'],
  keyPhrases: ['commit on a majority', 'pre-vote'],
};
const demo = {
  id: 'demo',
  title: 'Failing a live demo',
  competency: 'learning-from-failure',
  questionTypes: ['Tell me about a time you failed'],
  keyPhrases: ['own the failure'],
};

describe('scoring a pick', () => {
  it('is right for any story the map lists, and a wrong pick names the right stories and the picked one’s types', () => {
    const question = { rightStoryIds: ['demo'] };
    expect(scorePick(question, 'demo', [raft, demo]).correct).toBe(true);
    const wrong = scorePick(question, 'raft', [raft, demo]);
    expect(wrong).toEqual({
      correct: false,
      right: [
        {
          id: 'demo',
          title: 'Failing a live demo',
          competency: 'learning-from-failure',
          keyPhrases: ['own the failure'],
        },
      ],
      pickedTypes: ['Tell me about a technical decision you made'],
    });
  });
});

describe('the rubric', () => {
  const story = {
    metric: '1.4 s median failover',
    tradeoff: { chosen: 'Raft', alternatives: ['primary-backup', ' etcd '], because: 'x', accepting: 'one leader' },
    keyPhrases: ['commit on a majority', '', 'pre-vote'],
  };

  it('asks for the metric, the alternatives, what was accepted and each key phrase, and measures 2:00', () => {
    expect(buildRubric(story, 119_999)).toEqual([
      { kind: 'metric', text: '1.4 s median failover', checked: null },
      { kind: 'alternatives', text: 'primary-backup; etcd', checked: null },
      { kind: 'accepting', text: 'one leader', checked: null },
      { kind: 'key-phrase', text: 'commit on a majority', checked: null },
      { kind: 'key-phrase', text: 'pre-vote', checked: null },
      { kind: 'under-two-minutes', text: '2:00', checked: true },
    ]);
    expect(buildRubric(story, 120_001).at(-1)!.checked).toBe(false);
    expect(buildRubric(story, 120_000).at(-1)!.checked).toBe(true);
    // A story without a metric or alternatives is not asked for them.
    const bare = buildRubric(
      { metric: ' ', tradeoff: { ...story.tradeoff, alternatives: [], accepting: '' }, keyPhrases: [] },
      0,
    );
    expect(bare.map((item) => item.kind)).toEqual(['under-two-minutes']);
    expect(() => buildRubric(story, Number.NaN)).toThrow(RangeError);
  });

  it('takes one self-check answer per item, keeps the measured item, refuses another length', () => {
    const rubric = buildRubric(story, 150_000);
    const checked = applyRubricChecks(rubric, [true, false, true, true, null, true]);
    expect(checked.map((item) => item.checked)).toEqual([true, false, true, true, null, false]);
    expect(rubricScore(checked)).toEqual({ checked: 3, of: 6 });
    expect(() => applyRubricChecks(rubric, [true])).toThrow(/6 items, and 1 answers/);
  });
});

describe('drill statistics', () => {
  const entry = (over: Partial<DrillHistoryEntry>): DrillHistoryEntry => ({
    storyId: 'raft',
    date: '2026-01-01T10:00:00.000Z',
    questionType: 'Tell me about a technical decision you made',
    correct: true,
    chooseMs: 1000,
    peeks: 0,
    rubricChecked: 0,
    rubricItems: 0,
    rubricDone: false,
    ...over,
  });

  it('takes the median, the middle two averaged for an even count', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4000, 1000, 2000, 9000])).toBe(3000);
  });

  it('gives accuracy and median per type, the weakest first, types no story names any more kept', () => {
    const bank = questionBank([raft, demo]);
    const drills = [
      entry({ correct: true, chooseMs: 2000 }),
      entry({ correct: false, chooseMs: 6000 }),
      entry({ questionType: 'Tell me about a time you failed', storyId: 'demo', correct: false, chooseMs: 3000 }),
      entry({ questionType: 'Old type', correct: false, chooseMs: 9000 }),
    ];
    const stats = questionTypeStats(bank, drills);
    expect(stats.map((s) => [s.label, s.attempts, s.correct, s.accuracy, s.medianChooseMs, s.storyIds])).toEqual([
      ['Tell me about a technical decision you made', 2, 1, 0.5, 4000, ['raft']],
      ['Tell me about a time you failed', 1, 0, 0, 3000, ['demo']],
      ['Old type', 1, 0, 0, 9000, []],
    ]);
    // Equal accuracy: the slower first.
    expect(weakestTypes(stats).map((s) => s.label)).toEqual([
      'Old type',
      'Tell me about a time you failed',
      'Tell me about a technical decision you made',
    ]);
    expect(weakestTypes(stats, 1)).toHaveLength(1);
  });

  it('follows each story’s self-checked rubric oldest first, leaving out drills never checked', () => {
    const trends = rubricTrends([
      entry({ date: '2026-01-03T00:00:00.000Z', rubricChecked: 5, rubricItems: 6, rubricDone: true }),
      entry({ date: '2026-01-01T00:00:00.000Z', rubricChecked: 2, rubricItems: 6, rubricDone: true }),
      entry({ date: '2026-01-02T00:00:00.000Z', rubricChecked: 1, rubricItems: 6, rubricDone: false }),
    ]);
    expect(trends.get('raft')).toEqual([
      { date: '2026-01-01T00:00:00.000Z', checked: 2, of: 6 },
      { date: '2026-01-03T00:00:00.000Z', checked: 5, of: 6 },
    ]);
  });

  it('reports every story and the untried types after the drilled ones', () => {
    const report = drillReport(
      [raft, demo],
      [entry({ correct: false, rubricChecked: 1, rubricItems: 2, rubricDone: true })],
    );
    expect(report.drills).toBe(1);
    expect(report.questionTypes.map((type) => [type.label, type.attempts])).toEqual([
      ['Tell me about a technical decision you made', 1],
      ['Tell me about a time you failed', 0],
    ]);
    expect(report.stories).toEqual([
      {
        storyId: 'raft',
        title: raft.title,
        drills: 1,
        rubric: [{ date: '2026-01-01T10:00:00.000Z', checked: 1, of: 2 }],
      },
      { storyId: 'demo', title: demo.title, drills: 0, rubric: [] },
    ]);
  });
});

describe('sections moving on by voice', () => {
  const said = (startMs: number, endMs: number, misfire = false) => ({ startMs, endMs, misfire });
  it('moves on after 3 s of speech in the section and then more than 2 s of silence', () => {
    const heard = [said(0, 1500), said(2000, 4000)];
    expect(pauseEndsSection(heard, 0, 6000)).toBe(false);
    expect(pauseEndsSection(heard, 0, 6001)).toBe(true);
  });

  it('does not move on from a silence at the start of a section, nor on misfires or speech before it', () => {
    expect(pauseEndsSection([said(0, 5000)], 5000, 9000)).toBe(false);
    expect(pauseEndsSection([said(5000, 6000), said(6000, 9000, true)], 5000, 12_000)).toBe(false);
    expect(pauseEndsSection([said(4000, 7000)], 5000, 9500)).toBe(false);
    expect(pauseEndsSection([said(4000, 8000)], 5000, 10_500)).toBe(true);
  });
});

describe('the drill record of a take', () => {
  const story = {
    metric: '1.4 s failover',
    tradeoff: { chosen: 'Raft', alternatives: ['etcd'], because: 'x', accepting: 'one leader' },
    keyPhrases: ['pre-vote'],
  };
  const question = { type: { label: 'Tell me about a time you failed' }, question: 'Q?', rightStoryIds: ['demo'] };

  it('takes correct and chooseMs from the first pick, rounds times, and passes its own schema', () => {
    const record = buildDrillRecord({
      question,
      picks: [
        { storyId: 'raft', atMs: 4200.6 },
        { storyId: 'demo', atMs: 9000.2 },
      ],
      peeks: [{ section: 'task', atMs: 15_000.4 }],
      story,
      durationMs: 130_000,
    });
    expect(drillRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({ correct: false, chooseMs: 4201, peeks: [{ section: 'task', atMs: 15_000 }] });
    expect(record.picks.map((pick) => pick.correct)).toEqual([false, true]);
    expect(record.rubric.at(-1)!.checked).toBe(false);
  });

  it('keeps the story told when there are more picks than a sidecar holds', () => {
    const picks = [
      ...Array.from({ length: 30 }, (_, i) => ({ storyId: 'raft', atMs: i * 100 })),
      { storyId: 'demo', atMs: 9999 },
    ];
    const record = buildDrillRecord({ question, picks, peeks: [], story, durationMs: 1 });
    expect(record.picks).toHaveLength(MAX_DRILL_PICKS);
    expect(record.picks.at(-1)).toEqual({ storyId: 'demo', correct: true, atMs: 9999 });
    expect(drillRecordSchema.safeParse(record).success).toBe(true);
    expect(() => buildDrillRecord({ question, picks: [], peeks: [], story, durationMs: 1 })).toThrow(RangeError);
  });
});
