import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStarFile } from '../src/core/import/readStarFile';
import { storyFileText } from '../src/core/storyReadBack';
import { tradeoffSentence } from '../src/core/tradeoffSentence';
import { draftsFromSource } from '../src/main/import/draftsFromSource';
import { appendixOf } from '../src/main/import/importStories';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';
import { readFrontmatter } from '../src/core/frontmatter/readFrontmatter';
import { lostWords } from './helpers/sourceWords';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const word = fc.stringMatching(/^[a-z]{2,9}$/);
const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
const PARTS = ['Situation', 'Task', 'Action', 'Result'] as const;

/** One STAR part in each label shape the reader knows. */
const partShapes: Array<(name: string, text: string) => string> = [
  (name, text) => `**${name}:** ${text}`,
  (name, text) => `**${name}**: ${text}`,
  (name, text) => `### ${name}\n\n${text}\n`,
  (name, text) => `- **${name[0]} (${name}):** ${text}`,
  (name, text) => `**📋 ${name}**: ${text}`,
  (name, text) => `* ${name}:\n  ${text}`,
  (name, text) => `> **${name}:** ${text}`,
  (name, text) => `${name}: ${text}`,
];

const story = fc.record({
  title: fc.array(word, { minLength: 2, maxLength: 5 }).map((words) => words.join(' ')),
  shape: fc.nat(partShapes.length - 1),
  texts: fc.tuple(sentence, sentence, sentence, sentence),
  lesson: fc.option(sentence, { nil: undefined }),
  context: fc.option(sentence, { nil: undefined }),
});

const file = fc.record({
  preamble: fc.option(sentence, { nil: undefined }),
  template: fc.boolean(),
  guidance: fc.boolean(),
  split: fc.constantFrom('numbered', 'h3', 'rule', 'none'),
  stories: fc.array(story, { minLength: 1, maxLength: 5 }),
});

function render(value: typeof file extends fc.Arbitrary<infer T> ? T : never): string {
  const out: string[] = [];
  if (value.preamble) out.push(value.preamble, '');
  if (value.template) out.push('```', '**Situation:**', '**Task:**', '```', '');
  if (value.guidance) out.push('- Situation (15s): set the scene…', '- Result (30s): the numbers…', '');
  value.stories.forEach((told, index) => {
    if (value.split === 'numbered') out.push(`## ${index + 1}. ${told.title}`, '');
    else if (value.split === 'h3') out.push(`### ${told.title}`, '');
    else if (value.split === 'rule') out.push(...(index ? ['---', ''] : []), `**${told.title}**`, '');
    if (told.context) out.push(`Context: ${told.context}`, '');
    PARTS.forEach((name, part) => out.push(partShapes[told.shape](name, told.texts[part])));
    out.push('');
    if (told.lesson) out.push('#### Lesson', '', told.lesson, '');
  });
  return out.join('\n');
}

describe('import keeps every word', () => {
  it('every word of a STAR file is in the story files import writes or in its report', () => {
    fc.assert(
      fc.property(file, (value) => {
        const text = render(value);
        const found = draftsFromSource({ name: 'bank.md', text });
        const written = found.drafts.map((draft) => {
          const fileText = storyFileText(draft.story, null, parseStoryFile, { appendix: appendixOf(draft) });
          return `${fileText}\n${tradeoffSentence(draft.story.tradeoff)}`;
        });
        const report = JSON.stringify({ found, sources: found.drafts.map((draft) => [draft.source, draft.notes]) });
        expect(lostWords(text, [...written, report].join('\n'))).toEqual([]);
        // Every told story is found, and check FILE (the same reader) counts the same.
        expect(found.drafts).toHaveLength(value.stories.length);
        const front = readFrontmatter(text);
        expect(front.ok && readStarFile(front.content, front.contentLine).stories).toHaveLength(value.stories.length);
        for (const [index, draft] of found.drafts.entries())
          expect(draft.story.sections.result).toContain(value.stories[index].texts[3].slice(0, -1));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 60_000);
});
