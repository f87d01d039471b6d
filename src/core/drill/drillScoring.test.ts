import { describe, expect, it } from 'vitest';
import { drillReport } from './drillReport';
import { median, questionTypeStats, rubricTrends, weakestTypes, type DrillHistoryEntry } from './drillStats';
import { questionBank } from './questionBank';
import { applyRubricChecks, buildRubric, rubricScore } from './rubric';
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
