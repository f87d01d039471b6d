import { describe, expect, it } from 'vitest';
import { questionTypeStats } from './drillStats';
import { questionBank } from './questionBank';
import { questionWording } from './questionWording';
import { seededRandom, weightedIndex } from './seededRandom';
import {
  DUE_WEIGHT,
  MAX_CHOICES,
  NEW_WEIGHT,
  SLOW_WEIGHT,
  WRONG_WEIGHT,
  questionWeights,
  selectQuestion,
} from './selectQuestion';

const stories = [
  { id: 'raft', title: 'Raft', questionTypes: ['Tell me about a technical decision you made', 'Conflict'] },
  { id: 'slo', title: 'SLO', questionTypes: ['tell me about a technical  decision you made', 'Reliability'] },
  { id: 'demo', title: 'Demo', questionTypes: ['Tell me about a time you failed'] },
];
const bank = questionBank(stories);
const storyIds = stories.map((story) => story.id);

describe('the question bank', () => {
  it('joins types that differ in case and spacing, keeping the first spelling and story order', () => {
    expect(bank.map((type) => [type.label, type.storyIds])).toEqual([
      ['Tell me about a technical decision you made', ['raft', 'slo']],
      ['Conflict', ['raft']],
      ['Reliability', ['slo']],
      ['Tell me about a time you failed', ['demo']],
    ]);
  });
});

describe('question wording', () => {
  it('asks a type that is a question as written, a common label as interviewers do, any other generically', () => {
    expect(questionWording('Tell me about a time you failed')).toBe('Tell me about a time you failed.');
    expect(questionWording('How do you decide what to alert on?')).toBe('How do you decide what to alert on?');
    expect(questionWording('Conflict', 0)).toBe(
      'Tell me about a time you disagreed with a colleague. How did you resolve it?',
    );
    expect(questionWording('Conflict', 1)).toMatch(/^Describe a conflict/);
    expect(questionWording('Customer focus')).toBe('Tell me about a time that speaks to customer focus.');
    expect(() => questionWording('  ')).toThrow(RangeError);
  });
});

describe('seeded draws', () => {
  it('repeats for the same seed and differs across seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(seededRandom(43)()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws in proportion to the weights and never an index of weight 0', () => {
    const random = seededRandom(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i += 1) counts[weightedIndex([1, 0, 3], random)] += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.5);
    expect(counts[2] / counts[0]).toBeLessThan(3.5);
    expect(() => weightedIndex([0, 0], random)).toThrow(RangeError);
    expect(() => seededRandom(1.5)).toThrow(RangeError);
  });
});

describe('question weights', () => {
  it('adds due, missed, slow and never-drilled weights by the documented rule', () => {
    const stats = questionTypeStats(bank, [
      // technical decision: 1 of 2 right, median 10 s (slow)
      { questionType: 'Tell me about a technical decision you made', correct: true, chooseMs: 8000 },
      { questionType: 'TELL ME ABOUT A TECHNICAL DECISION YOU MADE', correct: false, chooseMs: 12_000 },
      // conflict: right and fast
      { questionType: 'Conflict', correct: true, chooseMs: 2000 },
      // reliability: right, median 6.5 s → half slow
      { questionType: 'Reliability', correct: true, chooseMs: 6500 },
    ]);
    const weights = questionWeights({ bank, stats, dueStoryIds: new Set(['demo']) });
    expect(weights.map((entry) => [entry.type.label, entry.weight, entry.reasons])).toEqual([
      ['Tell me about a technical decision you made', 1 + WRONG_WEIGHT * 0.5 + SLOW_WEIGHT, ['missed', 'slow']],
      ['Conflict', 1, []],
      ['Reliability', 1 + SLOW_WEIGHT * 0.5, ['slow']],
      ['Tell me about a time you failed', 1 + DUE_WEIGHT + NEW_WEIGHT, ['due', 'new']],
    ]);
  });

  it('keeps a quarter of the weight of the type asked just before', () => {
    const weights = questionWeights({ bank, stats: [], dueStoryIds: new Set(), previousKey: 'conflict' });
    expect(weights.map((entry) => entry.weight)).toEqual([2, 0.5, 2, 2]);
  });
});

describe('selecting a question', () => {
  it('gives the same drill for the same seed and history', () => {
    const input = { bank, stats: [], dueStoryIds: new Set<string>(), storyIds, seed: 99 };
    expect(selectQuestion(input)).toEqual(selectQuestion(input));
    const asked = new Set(Array.from({ length: 40 }, (_, seed) => selectQuestion({ ...input, seed })!.type.key));
    expect(asked.size).toBe(bank.length);
  });

  it('asks the weighted types more often: a due, missed type comes up most', () => {
    const stats = questionTypeStats(bank, [
      { questionType: 'Tell me about a time you failed', correct: false, chooseMs: 20_000 },
    ]);
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed += 1) {
      const key = selectQuestion({ bank, stats, dueStoryIds: new Set(['demo']), storyIds, seed })!.type.key;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // failed: 1 + 2 + 3 + 2 = 8 against 2 for each of the three others (never drilled).
    const failed = counts.get('tell me about a time you failed')!;
    expect(failed / 2000).toBeGreaterThan(0.5);
    expect(failed / 2000).toBeLessThan(0.65);
  });

  it('offers every story when there are at most 8, else 8 with the right ones among them, in bank order', () => {
    const small = selectQuestion({ bank, stats: [], dueStoryIds: new Set(), storyIds, seed: 1 })!;
    expect(small.choices).toEqual(storyIds);
    expect(small.rightStoryIds).toEqual(small.type.storyIds);

    const many = Array.from({ length: 20 }, (_, i) => ({
      id: `s${i}`,
      title: `S${i}`,
      questionTypes: [i < 3 ? 'Conflict' : `Type ${i}`],
    }));
    const bigBank = questionBank(many);
    const ids = many.map((story) => story.id);
    for (let seed = 0; seed < 50; seed += 1) {
      const drill = selectQuestion({ bank: bigBank, stats: [], dueStoryIds: new Set(), storyIds: ids, seed })!;
      expect(drill.choices).toHaveLength(MAX_CHOICES);
      expect(drill.choices.some((id) => drill.rightStoryIds.includes(id))).toBe(true);
      expect(drill.choices).toEqual(ids.filter((id) => drill.choices.includes(id)));
    }
  });

  it('asks nothing of a bank with no question types', () => {
    expect(selectQuestion({ bank: [], stats: [], dueStoryIds: new Set(), storyIds, seed: 1 })).toBeNull();
  });
});
