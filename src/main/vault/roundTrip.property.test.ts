import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPETENCY_IDS } from '../../core/competencies';
import { patchStoryFile } from '../../core/frontmatter/patchStoryFile';
import type { Story } from '../../core/story';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { canonicalStory } from '../../core/storyReadBack';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** One line of text as people write it: unicode, quotes, colons, hashes; no line breaks. */
const line = fc
  .string({ unit: fc.constantFrom(...'abcXYZ 019:#-\'"[]{}&*!|>%@`é—ü漢🙂,.?'.split('')), minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
/** Plain prose lines, for text around the sections (a '## ' line there would start a section). */
const paragraph = fc
  .array(
    line.filter((s) => !s.startsWith('#')),
    { minLength: 1, maxLength: 3 },
  )
  .map((lines) => lines.join('\n'));
/**
 * A line of section text that looks like structure: headings of every level (the section names
 * too, escaped or not), indentation, blanks around it, rules, fences, HTML comments.
 */
const trickyLine = fc.oneof(
  fc
    .tuple(fc.constantFrom('', ' ', '   ', '\t', '    ', '\\', '\\\\', ' \\'), fc.integer({ min: 1, max: 7 }))
    .chain(([lead, level]) =>
      fc
        .tuple(
          fc.constantFrom(' ', '\t', '  ', ''),
          fc.constantFrom('Situation', 'Task', 'action', 'RESULT', 'Notes', 'Story #1: x', ''),
        )
        .map(([gap, name]) => `${lead}${'#'.repeat(level)}${gap}${name}`),
    ),
  fc.constantFrom(
    '---',
    '----',
    '...',
    '***',
    '```',
    '```js',
    '~~~',
    '  ```',
    '\\```',
    '<!--',
    '-->',
    '<!-- ## Result -->',
  ),
  fc.constantFrom('', ' ', '\t', '   leading', 'trailing   ', '  both  ', '\u00a0nbsp', '\\', '\\## Result'),
  line.map((s) => `  ${s}  `),
);
/** Section text: prose and structure-looking lines, joined by LF or CRLF, blank lines around. */
const sectionText = fc
  .tuple(
    fc.array(fc.oneof(line, trickyLine), { minLength: 0, maxLength: 8 }),
    fc.constantFrom('\n', '\r\n'),
    fc.constantFrom('', '\n', ' \n\n', '\r\n'),
  )
  .map(([lines, eol, around]) => `${around}${lines.join(eol)}${around}`);

const storyArb: fc.Arbitrary<Story> = fc.record({
  id: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/),
  title: line,
  competency: fc.constantFrom(...COMPETENCY_IDS),
  weeks: fc.array(fc.integer({ min: 1, max: 24 }), { maxLength: 3 }),
  metric: line,
  tradeoff: fc.record({ chosen: line, alternatives: fc.array(line, { maxLength: 3 }), because: line, accepting: line }),
  questionTypes: fc.array(line, { maxLength: 3 }),
  keyPhrases: fc.array(line, { maxLength: 3 }),
  sections: fc.record({ situation: sectionText, task: sectionText, action: sectionText, result: sectionText }),
});

describe('story files round-trip (property)', () => {
  it('parse(render(story)) == story, with LF and CRLF, whatever the section text holds', () => {
    fc.assert(
      fc.property(storyArb, fc.boolean(), (story, crlf) => {
        const parsed = parseStoryFile(renderStoryFile(story, crlf ? '\r\n' : '\n'));
        // Canonical: line breaks as "\n", no blank lines at a section's start or end.
        expect(parsed).toEqual({ ok: true, story: canonicalStory(story) });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('saving a story into a hand-written file changes nothing else and reads back as the story', () => {
    const extras = fc.record({
      comment: line.map((s) => `# ${s}`),
      unknownKey: line.map((s) => `reviewer: ${JSON.stringify(s)}`),
      preamble: paragraph,
      notes: paragraph,
      crlf: fc.boolean(),
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(storyArb, storyArb, extras, (original, edited, extra) => {
        const eol = extra.crlf ? '\r\n' : '\n';
        const base = renderStoryFile(original)
          .replace('---\n', `---\n${extra.comment}\n`)
          .replace(/\n---\n/, `\n${extra.unknownKey}\n---\n\n${extra.preamble}\n`)
          .concat(`\n## Notes\n\n${extra.notes}\n`);
        let file = base.replace(/\n/g, eol);
        if (!extra.finalNewline) file = file.replace(/\r?\n$/, '');
        // Unchanged story: not one byte changes.
        expect(patchStoryFile(file, canonicalStory(original))).toBe(file);
        // Edited story (same id): reads back as the edit, with every extra kept.
        const target = { ...edited, id: original.id };
        const patched = patchStoryFile(file, target);
        expect(parseStoryFile(patched)).toEqual({ ok: true, story: canonicalStory(target) });
        for (const kept of [
          extra.comment,
          extra.unknownKey,
          extra.preamble.split('\n')[0],
          extra.notes.split('\n')[0],
        ]) {
          expect(patched).toContain(kept);
        }
        expect(patched.includes('\r\n')).toBe(extra.crlf);
        if (extra.crlf) expect(patched).not.toMatch(/[^\r]\n/);
        expect(/\n$/.test(patched)).toBe(extra.finalNewline);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
