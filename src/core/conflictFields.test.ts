import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../test/helpers/sampleStory';
import { applyFieldChoices, defaultChoice, fieldConflicts, parseEditedField } from './conflictFields';
import { storyDifferences } from './storyDiff';
import { wordDiff, sideOf } from './text/wordDiff';

const base = sampleStory();
const sections = (task: string, action = base.sections.action) => ({ ...base.sections, task, action });

describe('a conflict, field by field', () => {
  it('lists only the fields that differ, each with who changed it and what it merges to', () => {
    const mine = sampleStory({
      metric: 'mine: 1.2 s',
      keyPhrases: ['majority quorum', 'mine'],
      sections: sections('Recover from a node crash in under 5 s, mine.'),
    });
    const theirs = sampleStory({
      metric: 'theirs: 1.5 s',
      weeks: [10, 11],
      sections: sections('Recover from a crash in under 5 s.'),
    });
    const conflicts = fieldConflicts(base, mine, theirs);
    expect(conflicts.map(({ field, merge }) => [field, merge])).toEqual([
      ['weeks', 'theirs'],
      ['task', 'both'],
      ['metric', 'clash'],
      ['keyPhrases', 'mine'],
    ]);
    const task = conflicts.find((conflict) => conflict.field === 'task')!;
    expect(task).toMatchObject({
      label: 'Task',
      base: 'Recover from a node crash in under 5 s.',
      mine: 'Recover from a node crash in under 5 s, mine.',
      theirs: 'Recover from a crash in under 5 s.',
      merged: 'Recover from a crash in under 5 s, mine.',
    });
    const metric = conflicts.find((conflict) => conflict.field === 'metric')!;
    expect(metric).toMatchObject({ base: base.metric, mine: 'mine: 1.2 s', theirs: 'theirs: 1.5 s', merged: null });
    expect(conflicts.map(defaultChoice)).toEqual(['theirs', 'merged', null, 'mine']);
  });

  it('calls every difference a clash when the version both began from is unknown', () => {
    const conflicts = fieldConflicts(null, sampleStory({ metric: 'a' }), sampleStory({ metric: 'b', weeks: [3] }));
    expect(conflicts.map(({ field, merge, base: from }) => [field, merge, from])).toEqual([
      ['weeks', 'clash', null],
      ['metric', 'clash', null],
    ]);
  });

  it('builds the story from the picks, starting from the version on disk, and names the open ones', () => {
    const mine = sampleStory({ metric: 'mine', title: 'Mine', weeks: [12] });
    const theirs = sampleStory({ metric: 'theirs', title: 'Theirs', keyPhrases: ['theirs'] });
    const conflicts = fieldConflicts(base, mine, theirs);
    const open = applyFieldChoices(theirs, conflicts, { metric: 'mine' });
    expect(open.unchosen).toEqual(['title']);
    const done = applyFieldChoices(theirs, conflicts, { metric: 'mine', title: { edited: 'Both titles' } });
    expect(done.unchosen).toEqual([]);
    expect(done.story).toEqual(
      sampleStory({ metric: 'mine', title: 'Both titles', weeks: [12], keyPhrases: ['theirs'] }),
    );
    // The inputs are not changed.
    expect(theirs.metric).toBe('theirs');
  });

  it('reads edited values back, refusing what the field cannot hold', () => {
    expect(parseEditedField('weeks', '3\n 12 \n\n')).toEqual({ value: [3, 12] });
    expect(parseEditedField('weeks', '3\n25')).toEqual({ error: '"25" is not a week (a whole number 1–24)' });
    expect(parseEditedField('keyPhrases', 'a\n\n b ')).toEqual({ value: ['a', 'b'] });
    expect(parseEditedField('title', 'one\ntwo')).toEqual({ error: 'a title is one line' });
    expect(parseEditedField('title', '  ')).toEqual({ error: 'a title is required' });
    expect(parseEditedField('competency', 'security')).toHaveProperty('error');
    expect(parseEditedField('action', 'Line one\nline two')).toEqual({ value: 'Line one\nline two' });
  });
});

describe('differences for people', () => {
  it('names each differing field and shows lists one item a line', () => {
    const differences = storyDifferences(
      base,
      sampleStory({ competency: 'security', keyPhrases: ['majority quorum', 'term'] }),
    );
    expect(differences).toEqual([
      { field: 'competency', label: 'Competency', mine: 'Distributed systems', theirs: 'Security' },
      { field: 'keyPhrases', label: 'Key phrases', mine: 'majority quorum', theirs: 'majority quorum\nterm' },
    ]);
  });

  it('splits two texts into the words both share and those only one has', () => {
    const parts = wordDiff('took 1.8 s at the median', 'took 1.2 s at p99');
    expect(
      sideOf(parts, 'a')
        .map((part) => part.text)
        .join(''),
    ).toBe('took 1.8 s at the median');
    expect(
      sideOf(parts, 'b')
        .map((part) => part.text)
        .join(''),
    ).toBe('took 1.2 s at p99');
    expect(parts.filter((part) => part.in === 'a').map((part) => part.text.trim())).toEqual(['8', 'the median']);
  });

  it('marks a rewritten phrase as one stretch per side, not word by word', () => {
    expect(wordDiff('99.94% of requests answered', 'pages per week fell')).toEqual([
      { text: '99.94% of requests answered', in: 'a' },
      { text: 'pages per week fell', in: 'b' },
    ]);
    // A word both still share stays unmarked.
    expect(wordDiff('fell from 23 to 4 pages', 'fell to four pages')).toEqual([
      { text: 'fell ', in: 'both' },
      { text: 'from 23 ', in: 'a' },
      { text: 'to ', in: 'both' },
      { text: '4', in: 'a' },
      { text: 'four', in: 'b' },
      { text: ' pages', in: 'both' },
    ]);
  });
});
