import { describe, expect, it } from 'vitest';
import { namesQuestionType, questionBank, questionTypeKey, type BankStory, type QuestionType } from './questionBank';

/** The bank built the plain way, each story looked up in its type's list: what questionBank must give. */
function plainBank(stories: readonly BankStory[]): QuestionType[] {
  const types = new Map<string, QuestionType>();
  for (const story of stories)
    for (const type of story.questionTypes) {
      const key = questionTypeKey(type);
      if (!key) continue;
      const entry = types.get(key) ?? { key, label: type.replace(/\s+/g, ' ').trim(), storyIds: [] };
      if (!entry.storyIds.includes(story.id)) entry.storyIds.push(story.id);
      types.set(key, entry);
    }
  return [...types.values()];
}

describe('questionBank', () => {
  it('merges types that differ in case or spacing, keeps the first spelling, lists each story once', () => {
    const stories: BankStory[] = [
      { id: 'a', title: 'A', questionTypes: ['Tell me about  a conflict', 'Ownership'] },
      { id: 'b', title: 'B', questionTypes: ['tell me about a CONFLICT', 'Tell me about a conflict', '  '] },
      { id: 'c', title: 'C', questionTypes: ['ownership', 'Failure'] },
    ];
    expect(questionBank(stories)).toEqual([
      { key: 'tell me about a conflict', label: 'Tell me about a conflict', storyIds: ['a', 'b'] },
      { key: 'ownership', label: 'Ownership', storyIds: ['a', 'c'] },
      { key: 'failure', label: 'Failure', storyIds: ['c'] },
    ]);
  });

  it('gives what the plain lookup gives for 1,000 stories sharing a few types, repeats included', () => {
    const names = ['Conflict', 'conflict ', 'Ownership', 'Failure', 'Scale', 'Design'];
    const stories: BankStory[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `s${i % 990}`,
      title: `Story ${i}`,
      questionTypes: [names[i % 6], names[(i * 7) % 6], names[(i + 1) % 6]],
    }));
    const bank = questionBank(stories);
    expect(bank).toEqual(plainBank(stories));
    for (const type of bank) expect(new Set(type.storyIds).size).toBe(type.storyIds.length);
  });
});

describe('namesQuestionType', () => {
  it('is true for a story naming a type, false for none or only blank ones', () => {
    expect(namesQuestionType({ questionTypes: ['Ownership'] })).toBe(true);
    expect(namesQuestionType({ questionTypes: ['  ', 'Conflict'] })).toBe(true);
    expect(namesQuestionType({ questionTypes: [] })).toBe(false);
    expect(namesQuestionType({ questionTypes: ['', ' \t\n'] })).toBe(false);
    // As the bank counts them: a blank type makes no entry of it.
    expect(questionBank([{ id: 'a', title: 'A', questionTypes: [' \t\n'] }])).toEqual([]);
  });
});
