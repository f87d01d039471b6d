import { describe, expect, it } from 'vitest';
import { sampleStory } from '../../test/helpers/sampleStory';
import { filterBySearch, searchStory, searchTerms } from './boardSearch';
import type { Story } from './story';

const raft = sampleStory();
const slo = sampleStory({
  id: 'slo',
  title: 'Setting an SLO for binary verification',
  competency: 'reliability',
  metric: '99.94% of verification requests answered correctly',
  keyPhrases: ['error budget', 'burn rate'],
  sections: {
    situation: 'Pages woke the on-call engineer 23 times a week.',
    task: 'Make alerts mean something.',
    action: 'I wrote an SLO with a 30-day error budget and alerted on the burn rate.',
    result: 'Pages fell from 23 to 2 a week; the Café team copied it.',
  },
});
const records = [raft, slo].map((story, i) => ({ file: `stories/0${i + 1}.md`, story, hash: 'h' }));
const ids = (query: string) => filterBySearch(records, query).map((record) => record.story.id);

describe('searchTerms', () => {
  it('splits on spaces, lower-cases, drops accents, and keeps a quoted phrase whole', () => {
    expect(searchTerms('  Raft   QUORUM ')).toEqual(['raft', 'quorum']);
    expect(searchTerms('Café "Burn   Rate" p99')).toEqual(['cafe', 'burn rate', 'p99']);
    expect(searchTerms('"unterminated phrase')).toEqual(['unterminated phrase']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('""')).toEqual([]);
  });
});

describe('filterBySearch', () => {
  it('keeps every story, in order, for an empty query', () => {
    expect(ids('')).toEqual(['raft-failover', 'slo']);
    expect(ids('   ')).toEqual(['raft-failover', 'slo']);
  });

  it('finds words in the title, metric, each section and the key phrases, whatever the case', () => {
    expect(ids('RAFT')).toEqual(['raft-failover']); // title
    expect(ids('99.94%')).toEqual(['slo']); // metric
    expect(ids('on-call')).toEqual(['slo']); // situation
    expect(ids('alerts')).toEqual(['slo']); // task
    expect(ids('multi-paxos')).toEqual(['raft-failover']); // action
    expect(ids('median')).toEqual(['raft-failover']); // metric and result
    expect(ids('burn')).toEqual(['slo']); // action and key phrases
    expect(ids('"majority quorum"')).toEqual(['raft-failover']); // key phrase
  });

  it('needs every word, though the words may sit in different fields', () => {
    expect(ids('raft median')).toEqual(['raft-failover']);
    expect(ids('raft budget')).toEqual([]);
    expect(ids('pages 23 verification')).toEqual(['slo']);
  });

  it('ignores accents both ways and keeps a quoted phrase together', () => {
    expect(ids('cafe')).toEqual(['slo']);
    expect(ids('CAFÉ')).toEqual(['slo']);
    expect(ids('"error budget"')).toEqual(['slo']);
    expect(ids('"budget error"')).toEqual([]);
  });

  it('does not look in fields the card search leaves out (tradeoff, question types, id)', () => {
    expect(ids('primary-backup')).toEqual(['raft-failover']); // in the action, not just the tradeoff
    const hidden: Story = { ...raft, sections: { ...raft.sections, action: 'I built it.' } };
    expect(filterBySearch([{ story: hidden }], 'primary-backup')).toEqual([]);
    expect(filterBySearch([{ story: hidden }], 'technical decision')).toEqual([]);
    expect(filterBySearch([{ story: hidden }], 'raft-failover')).toEqual([]);
  });

  it('matches terms where words start, so a short word does not turn up inside a longer one', () => {
    const draft = {
      story: sampleStory({
        id: 'draft',
        title: 'Reviewing a draft',
        metric: 'one day',
        keyPhrases: [],
        sections: {
          situation: 'A design draft sat unreviewed.',
          task: 'Get it reviewed.',
          action: 'I split out the primary-backup part.',
          result: 'Election of a reviewer took a day.',
        },
      }),
    };
    const found = (query: string) => filterBySearch([...records, draft], query).map((r) => r.story.id);
    expect(found('raft')).toEqual(['raft-failover']);
    expect(found('draft')).toEqual(['draft']);
    expect(found('elect')).toEqual(['raft-failover', 'draft']); // "election", "Election"
    expect(found('backup')).toEqual(['raft-failover', 'draft']); // "primary-backup": a hyphen starts a word
    expect(found('4')).toEqual([]); // not inside "99.94%"
    expect(found('94')).toEqual(['slo']); // a full stop starts a word too
    expect(found('%')).toEqual(['slo']); // a symbol matches anywhere
    expect(found('(')).toEqual([]); // and is never read as a pattern
  });

  it('does not let a phrase run from one key phrase into the next', () => {
    expect(searchStory(slo, ['budget burn'])).toBeNull();
  });
});

describe('searchStory', () => {
  it('names the fields that hold a term, in card order', () => {
    expect(searchStory(slo, ['burn'])).toEqual(['action', 'keyPhrases']);
    expect(searchStory(slo, ['slo', 'pages'])).toEqual(['title', 'situation', 'action', 'result']);
    expect(searchStory(slo, [])).toEqual([]);
    expect(searchStory(slo, ['nowhere'])).toBeNull();
  });
});
