import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPETENCY_IDS } from '../src/core/competencies';
import type { Story } from '../src/core/story';
import { renderStoryFile } from '../src/core/frontmatter/renderStoryFile';
import { malformedStoryFiles } from './helpers/malformedStoryFiles';
import { applyMutations, mutations } from './helpers/mutations';
import { tempDir } from './helpers/tempDir';
import { splitFrontmatter } from '../src/core/frontmatter/fences';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';

/**
 * parseStoryFile must answer every text, however broken, with a story or a problem that names a
 * line of the file, and never run anything. The fences are split by one rule (fences.ts), checked
 * here too.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = { numRuns: RUNS, seed: SEED };

/** Parses `text` and checks the outcome's shape: a story, or a problem on a line of the file. */
function answered(text: string): ReturnType<typeof parseStoryFile> {
  const outcome = parseStoryFile(text);
  if (!outcome.ok) {
    const lines = text.split('\n').length;
    expect(outcome.line, text.slice(0, 300)).toBeGreaterThanOrEqual(1);
    expect(outcome.line, `${outcome.message}\n${text.slice(0, 300)}`).toBeLessThanOrEqual(lines);
    expect(outcome.message).not.toBe('');
  }
  return outcome;
}

const line = fc
  .string({ unit: fc.constantFrom(...Array.from('abcXYZ 019:#-\'"[]{}&*!|>%@`é—ü漢🙂,.?\\~')), maxLength: 40 })
  .filter((s) => s.trim().length > 0);
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
/** Stories as the app would write them, some with an id, competency or weeks the schema refuses. */
const storyArb = fc.record({
  id: fc.oneof(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/), line),
  title: fc.oneof(line, fc.constant('')),
  competency: fc.oneof(fc.constantFrom(...COMPETENCY_IDS), line),
  weeks: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
  metric: line,
  tradeoff: fc.record({ chosen: line, alternatives: fc.array(line, { maxLength: 3 }), because: line, accepting: line }),
  questionTypes: fc.array(line, { maxLength: 3 }),
  keyPhrases: fc.array(line, { maxLength: 3 }),
  sections: fc.record({ situation: paragraph, task: paragraph, action: paragraph, result: paragraph }),
});
/** Story files as the app writes them (some with invalid ids, competencies or weeks), LF or CRLF. */
const storyFile = fc
  .tuple(storyArb, fc.boolean())
  .map(([story, crlf]) => renderStoryFile(story as unknown as Story, crlf ? '\r\n' : '\n'));

/** Edits people make by hand: compact lists, quotes, comments, extra keys, blank lines, BOM. */
const handEdit = fc.constantFrom(
  (t: string) => t.replace(/\n {2}- /g, '\n- '),
  (t: string) => t.replace(/\n {4}- /g, '\n  - '),
  (t: string) => t.replace(/^title: (.*)$/m, "title: '$1'"),
  (t: string) => t.replace(/^metric: (.*)$/m, 'metric: $1 # why'),
  (t: string) => t.replace(/^id: /m, '# note\nid: '),
  (t: string) => t.replace(/^---\n/, '---\nreviewer: Ada\n'),
  (t: string) => t.replace(/^---\n/, '---\n\n'),
  (t: string) => t.replace(/^---\n/, '---yaml\n'),
  (t: string) => t.replace(/^---\n/, '--- \n'),
  (t: string) => `\uFEFF${t}`,
  (t: string) => t.replace(/\n---\n/, '\n--- \n'),
  (t: string) => t.replace(/\n---\n/, '\n----\n'),
  (t: string) => t.replace(/^weeks: \[(.*)\]$/m, 'weeks: [$1,]'),
  (t: string) => t.replace(/^weeks: .*$/m, 'weeks:\n  - 3'),
  (t: string) => t.replace(/^keyPhrases:.*$/m, 'keyPhrases:'),
);

const SAMPLES = join(process.cwd(), 'resources', 'sample-vault', 'stories');
const samples = readdirSync(SAMPLES).map((name) => readFileSync(join(SAMPLES, name), 'utf8'));

describe('parseStoryFile on any text', () => {
  it('answers generated story files, hand-edited or not, with a story or a problem on a line', () => {
    fc.assert(
      fc.property(storyFile, fc.array(handEdit, { maxLength: 3 }), (text, edits) => {
        answered(edits.reduce((acc, edit) => edit(acc), text));
      }),
      params,
    );
  });

  it('answers mutated files (flips, cuts, NULs, CRLF, bombs, fences) the same way', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), mutations, (text, list) => {
        answered(applyMutations(text, list));
      }),
      params,
    );
  });

  it('answers every file of the malformed corpus, and runs no code', async () => {
    const marker = join(await tempDir(), 'pwned');
    for (const [name, content] of malformedStoryFiles(marker)) {
      const text = typeof content === 'string' ? content : content.toString('utf8');
      expect(answered(text).ok, name).toBe(name === 'duplicate-id.md');
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('reads the sample stories', () => {
    for (const text of samples) expect(answered(text).ok).toBe(true);
  });
});

describe('the frontmatter fences (frontmatter/fences.ts)', () => {
  /** Texts made of the pieces fences are made of. */
  const piece = fc.constantFrom(
    '---',
    '----',
    '...',
    '\n',
    '\r\n',
    '\r',
    '-',
    '.',
    ' ',
    '\t',
    'yaml',
    'YAML',
    'a',
    ': ',
    '#',
  );
  const source = fc
    .tuple(fc.boolean(), fc.array(piece, { maxLength: 16 }))
    .map(([bom, pieces]) => `${bom ? '\uFEFF' : ''}---${pieces.join('')}`);
  /** The rule written as one pattern: the first later line of 3+ dashes or `...` closes. */
  const RULE = /^(\uFEFF?)---([^\r\n]*)\r?\n((?:[^\n]*\n)*?)(?:-{3,}|\.\.\.)[ \t]*(?:\r?\n|\r?$)/;

  it('splits where the rule written as one pattern does', () => {
    fc.assert(
      fc.property(source, (text) => {
        const split = splitFrontmatter(text);
        const match = RULE.exec(text);
        if (!match) {
          expect(split.kind).not.toBe('found');
          return;
        }
        expect(split).toMatchObject({ kind: 'found', bom: match[1], language: match[2].trim(), yaml: match[3] });
        if (split.kind === 'found') expect(split.body).toBe(text.slice(match[0].length));
      }),
      { numRuns: RUNS * 10, seed: SEED },
    );
  });
});
