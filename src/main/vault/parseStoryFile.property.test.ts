import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPETENCY_IDS } from '../../core/competencies';
import type { Story } from '../../core/story';
import { renderStoryFile } from '../../core/storyFile';
import { malformedStoryFiles } from '../../../test/helpers/malformedStoryFiles';
import { applyMutations, mutations } from '../../../test/helpers/mutations';
import { tempDir } from '../../../test/helpers/tempDir';
import { splitFrontmatter } from '../../core/frontmatter/fences';
import { parseStoryFile, parseStoryFileWithYaml } from './parseStoryFile';

/**
 * parseStoryFile reads plain frontmatter without `yaml` (plainFrontmatter.ts). That shortcut must
 * be invisible: the same outcome, story or problem (line, field, message), as parsing every file
 * with `yaml`. The fences are split by one rule (frontmatter/fences.ts), checked here too.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = { numRuns: RUNS, seed: SEED };

/**
 * yaml turns running out of stack (values nested a few thousand deep) into a parse error, so on
 * such a file the outcome depends on how deep the caller's stack already is: one frame more or
 * less flips it. Those files never take the fast path (it reads no nesting), so they are compared
 * only when neither call ran out of stack.
 */
const OUT_OF_STACK = /Maximum call stack size exceeded/;

function same(text: string): void {
  const fast = parseStoryFile(text);
  const full = parseStoryFileWithYaml(text);
  const message = (outcome: typeof fast) => (outcome.ok ? '' : outcome.message);
  if (OUT_OF_STACK.test(message(fast)) || OUT_OF_STACK.test(message(full))) return;
  expect(fast, text.slice(0, 300)).toEqual(full);
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

describe('the fast path of parseStoryFile', () => {
  it('gives the outcome of the yaml parser for generated story files, hand-edited or not', () => {
    fc.assert(
      fc.property(storyFile, fc.array(handEdit, { maxLength: 3 }), (text, edits) => {
        same(edits.reduce((acc, edit) => edit(acc), text));
      }),
      params,
    );
  });

  it('gives the outcome of the yaml parser for mutated files (flips, cuts, NULs, CRLF, bombs, fences)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), mutations, (text, list) => {
        same(applyMutations(text, list));
      }),
      params,
    );
  });

  it('gives the outcome of the yaml parser for every file of the malformed corpus, and runs no code', async () => {
    const marker = join(await tempDir(), 'pwned');
    for (const [name, content] of malformedStoryFiles(marker)) {
      const text = typeof content === 'string' ? content : content.toString('utf8');
      expect(parseStoryFile(text).ok, name).toBe(name === 'duplicate-id.md');
      same(text);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('reads the sample stories', () => {
    for (const text of samples) same(text);
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
