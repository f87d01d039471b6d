import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';
import type { Story } from '../src/core/story';
import { tradeoffSentence } from '../src/core/tradeoffSentence';
import { check } from '../src/core/checker/check';
import { checkInputFromStories } from '../src/core/checker/fromStories';

const sampleDir = join(process.cwd(), 'resources', 'sample-vault', 'stories');
function sampleStories(): Story[] {
  return readdirSync(sampleDir)
    .sort()
    .map((name) => {
      const parsed = parseStoryFile(readFileSync(join(sampleDir, name), 'utf8'));
      if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
      return parsed.story;
    });
}

describe('check (vault stories)', () => {
  it('passes all five criteria for the sample vault, strict too, with no warnings', () => {
    const report = check(checkInputFromStories(sampleStories()), { strict: true });
    expect(report.criteria.map((c) => [c.id, c.pass, c.findings])).toEqual([1, 2, 3, 4, 5].map((id) => [id, true, []]));
    expect(report.pass).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.stories).toHaveLength(8);
    for (const story of report.stories) expect(story.estimatedSeconds).toBeLessThanOrEqual(150);
  });

  it('passes nothing for a bank with no stories: "each story has…" is not met by none', () => {
    const report = check(checkInputFromStories([]));
    expect(report.criteria.map((c) => c.pass)).toEqual([false, false, false, false, false]);
    expect(report.pass).toBe(false);
    for (const id of [2, 3, 4])
      expect(report.criteria[id - 1].findings).toEqual([{ message: 'no stories to check yet' }]);
  });

  it('fails each criterion on the defect that breaks it, naming the story', () => {
    const stories = sampleStories();
    expect(check(checkInputFromStories(stories.slice(0, 7))).criteria[0]).toMatchObject({
      pass: false,
      findings: [{ message: 'found 7 stories; the bank needs exactly 8' }],
    });

    const noTask = structuredClone(stories);
    noTask[2].sections.task = '  ';
    expect(check(checkInputFromStories(noTask)).criteria[1].findings).toEqual([
      {
        story: { number: 3, title: noTask[2].title },
        field: 'task',
        line: undefined,
        message: 'Task is missing or empty',
      },
    ]);

    const vague = structuredClone(stories);
    vague[4].metric = 'much faster';
    vague[5].metric = vague[0].metric;
    const c3 = check(checkInputFromStories(vague)).criteria[2];
    expect(c3.pass).toBe(false);
    expect(c3.findings.map((f) => [f.story?.number, f.message])).toEqual([
      [5, 'the metric "much faster" has no specific number'],
      [6, `uses the same metric as story 1 ("${stories[0].title}"); each metric must be different`],
    ]);

    const noAlternatives = structuredClone(stories);
    noAlternatives[1].tradeoff = { chosen: 'mTLS', alternatives: [], because: 'it is safer', accepting: '' };
    // The action may name alternatives too (strict counts both); this one names none.
    noAlternatives[1].sections.action = 'I turned on mTLS between the nodes.';
    const c4 = check(checkInputFromStories(noAlternatives), { strict: true }).criteria[3];
    expect(c4.findings.map((f) => f.message)).toEqual([
      'the tradeoff names no alternative that was not chosen (e.g. "chose X over Y")',
      'the tradeoff does not say what was given up (e.g. "accepting that…", "at the cost of…")',
      'strict: name at least two alternatives across the tradeoff and the action ("I evaluated A and B…")',
    ]);

    const fewTypes = structuredClone(stories).map((s) => ({
      ...s,
      questionTypes: ['Tell me about a time you failed'],
    }));
    expect(check(checkInputFromStories(fewTypes)).criteria[4]).toMatchObject({
      pass: false,
      findings: [{ message: 'the competency map covers 1 question type; at least 6 are needed' }],
    });
  });

  it('warns about long sections, missing competencies and missing key phrases without failing', () => {
    const stories = sampleStories();
    stories[0].sections.situation = 'word '.repeat(60);
    stories[2].competency = 'security';
    stories[3].competency = 'security';
    stories[3].keyPhrases = [];
    const report = check(checkInputFromStories(stories));
    expect(report.pass).toBe(true);
    expect(report.warnings.map((w) => w.message)).toEqual([
      'competencies without a story: Reliability / SRE, Debugging',
      'Situation takes about 24 s to say at 150 wpm (target 15 s)',
      'has no key phrases',
    ]);
    expect(check(checkInputFromStories(stories), { wpm: 300 }).warnings.some((w) => /Situation/.test(w.message))).toBe(
      false,
    );
  });
});

describe('tradeoffSentence', () => {
  it('reads as the assignment’s sentence', () => {
    expect(
      tradeoffSentence({
        chosen: 'Raft',
        alternatives: ['Paxos', 'primary-backup', 'chain replication'],
        because: 'it is easier to debug',
        accepting: 'one leader limits writes',
      }),
    ).toBe(
      'I evaluated Paxos, primary-backup and chain replication, chose Raft because it is easier to debug, accepting that one leader limits writes.',
    );
    expect(tradeoffSentence({ chosen: 'Raft', alternatives: [], because: '', accepting: '' })).toBe('I chose Raft.');
  });
});
