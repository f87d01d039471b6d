import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/checker/check';
import { checkInputFromStories } from '../src/core/checker/fromStories';
import { COMPETENCY_IDS } from '../src/core/competencies';
import { assembleDeliverable } from '../src/core/deliverable/assembleDeliverable';
import { parseDeliverable } from '../src/core/deliverable/parseDeliverable';
import { draftsFromStarFile } from '../src/core/import/draftStories';
import { readStarFile } from '../src/core/import/readStarFile';
import type { Story } from '../src/core/story';
import { canonicalStory } from '../src/core/storyReadBack';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Long runs (FUZZ_RUNS=20000) need more than the default 30 s. */
const TIMEOUT = Math.max(30_000, RUNS * 20);

/** One line as people write it: quotes, pipes, commas, hashes, "and", unicode; no line break. */
const word = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-\'"|&*_`é—ü漢🙂,.?()#!'.split('')), minLength: 1, maxLength: 8 }),
  fc.constantFrom('and', 'or', 'because', 'accepting that', 'chose', 'over', 'I evaluated', ',', 'Situation'),
);
const line = fc
  .array(word, { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' ').trim())
  .filter((text) => text.length > 0);
/** Paragraph lines never start a heading, a label, a fence or a comment: that is markdown structure. */
const bodyLine = line.filter((text) => !/^[#`<|*-]/.test(text) && !/^[A-Za-z ]+:/.test(text));
/**
 * Lines of text that read as a heading (any level, the labels and the file's own headings too) or
 * a fence, which the export escapes, and HTML comments, which it keeps.
 */
const structureLine = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.constantFrom('Situation', 'Result:', 'Story #2: Next', 'Competency Mapping', 'Practice Guide', 'notes'),
    )
    .map(([level, text]) => `${'#'.repeat(level)} ${text}`),
  fc.constantFrom('```', '```js', '~~~', '  ```', '\\## escaped already', '<!-- a note -->', '<!-- ## Result -->'),
);
/** Indentation and spaces around a line are kept (the export escapes an indented heading or fence too). */
const spaced = fc
  .tuple(fc.constantFrom('', '', '  ', '    ', '\t'), fc.oneof(bodyLine, structureLine), fc.constantFrom('', '', ' '))
  .map(([before, text, after]) => `${before}${text}${after}`);
/** Paragraphs of lines, joined by LF or CRLF (which the export writes, and an import reads, as LF). */
const section = fc
  .tuple(
    fc.array(fc.array(fc.oneof(bodyLine, spaced, structureLine), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 2,
    }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([paragraphs, eol]) => paragraphs.map((lines) => lines.join(eol)).join(eol + eol));

const storyArb: fc.Arbitrary<Story> = fc.record({
  id: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/),
  title: line,
  competency: fc.constantFrom(...COMPETENCY_IDS),
  weeks: fc.array(fc.integer({ min: 1, max: 24 }), { maxLength: 3 }),
  metric: line,
  tradeoff: fc.record({
    chosen: fc.oneof(line, fc.constant('')),
    alternatives: fc.array(line, { maxLength: 3 }),
    because: fc.oneof(line, fc.constant('')),
    accepting: fc.oneof(line, fc.constant('')),
  }),
  questionTypes: fc.array(line, { maxLength: 3 }),
  keyPhrases: fc.array(line, { maxLength: 3 }),
  sections: fc.record({
    situation: fc.oneof(section, fc.constant('')),
    task: section,
    action: section,
    result: section,
  }),
});

/** A vault that meets the assignment: every part filled, distinct numeric metrics, ≥ 6 question types. */
const passingVault = fc.array(storyArb, { minLength: 8, maxLength: 8 }).chain((stories) =>
  fc
    .tuple(
      fc.array(
        fc.array(
          line.filter((t) => !/[.;]/.test(t)),
          { minLength: 2, maxLength: 3 },
        ),
        {
          minLength: 8,
          maxLength: 8,
        },
      ),
      fc.array(section, { minLength: 8, maxLength: 8 }),
    )
    .map(([alternatives, situations]) =>
      stories.map((story, i) => ({
        ...story,
        id: `${story.id.slice(0, 20)}-${i}`,
        metric: `${story.metric} (${i + 1}${i} ms)`,
        tradeoff: {
          chosen: story.tradeoff.chosen || 'the simplest design',
          alternatives: alternatives[i],
          because: story.tradeoff.because,
          accepting: story.tradeoff.accepting || 'it costs memory',
        },
        questionTypes: [`Question ${i + 1}: ${story.title}`, ...story.questionTypes],
        sections: { ...story.sections, situation: situations[i] },
      })),
    ),
);

/** The sample vault's eight stories: ids that are not their titles' slugs, every field written. */
function sampleLikeStories(): Story[] {
  const dir = join(process.cwd(), 'resources', 'sample-vault', 'stories');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const parsed = parseStoryFile(readFileSync(join(dir, name), 'utf8'));
      if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
      return parsed.story;
    });
}

describe('export and import (property)', () => {
  it(
    'the export of any vault that meets the criteria passes the checker, strict too, as the vault does',
    () => {
      fc.assert(
        fc.property(passingVault, (stories) => {
          const fromVault = check(checkInputFromStories(stories), { strict: true });
          expect(fromVault.criteria.filter((c) => !c.pass)).toEqual([]);
          const fromFile = check(parseDeliverable(assembleDeliverable(stories)), { strict: true });
          expect(fromFile.criteria.filter((c) => !c.pass)).toEqual([]);
          expect(fromFile.stories.map((s) => s.estimatedSeconds)).toEqual(
            fromVault.stories.map((s) => s.estimatedSeconds),
          );
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TIMEOUT,
  );

  it(
    'export(v) holds at most an id marker per story, and import(export(v)) keeps ids and sections',
    () => {
      fc.assert(
        fc.property(fc.array(storyArb, { minLength: 1, maxLength: 8 }), (stories) => {
          const text = assembleDeliverable(stories);
          // No copy of a story's content hides in the file: at most one short id marker per story.
          const comments = text.match(/<!--.*?-->/g) ?? [];
          const written = stories.flatMap((story) => Object.values(story.sections)).join('\n');
          const markers = comments.filter((comment) => !written.includes(comment));
          expect(markers.length).toBeLessThanOrEqual(stories.length);
          for (const marker of markers) expect(marker).toMatch(/^<!-- story id: [a-z0-9-]+ -->$/);
          const file = readStarFile(text);
          expect(file.setAside).toEqual([]);
          const drafts = draftsFromStarFile(file, 'bank.md');
          expect(drafts.map((d) => d.story.id)).toEqual(stories.map((story) => story.id));
          // The sections are what the text shows, exactly. A field the text cannot hold exactly (a
          // tradeoff sentence that does not split back, a key phrase with a backtick) comes back as
          // the text reads: the deliverable carries no hidden copy to restore it from.
          expect(drafts.map((d) => d.story.sections)).toEqual(stories.map((story) => canonicalStory(story).sections));
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TIMEOUT,
  );

  it('import(export(v)) gives back a story that the visible text says in full, field for field', () => {
    const stories = sampleLikeStories();
    const drafts = draftsFromStarFile(readStarFile(assembleDeliverable(stories)), 'bank.md');
    expect(drafts.map((d) => d.story)).toEqual(stories.map(canonicalStory));
    expect(drafts.flatMap((d) => [...d.notes, ...d.asImported])).toEqual([]);
  });

  it('a hand edit of the visible text wins over the hidden hint', () => {
    const story: Story = {
      id: 'not-the-title-slug',
      title: 'Caching chains',
      competency: 'performance',
      weeks: [14],
      metric: 'p99 from 450 ms to 180 ms',
      tradeoff: {
        chosen: 'an in-process cache',
        alternatives: ['CPU and memory tuning', 'a shared Redis'],
        because: 'it needs no new service',
        accepting: 'each node warms up on its own',
      },
      questionTypes: ['Tell me about performance work'],
      keyPhrases: ['hit rate'],
      sections: { situation: 'S.', task: 'T.', action: 'A.', result: 'R.' },
    };
    const edited = assembleDeliverable([story]).replace(
      'accepting that each node warms up on its own.',
      'accepting that each node warms up alone.',
    );
    const [draft] = draftsFromStarFile(readStarFile(edited), 'bank.md');
    expect(draft.story.id).toBe('not-the-title-slug');
    expect(draft.story.tradeoff.accepting).toBe('each node warms up alone');
  });
});
