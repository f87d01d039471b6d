import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, parseDocument } from 'yaml';
import { COMPETENCY_IDS } from '../../core/competencies';
import type { Story } from '../../core/story';
import { renderFrontmatter } from '../../core/storyFrontmatter';
import { readPlainFrontmatter } from './plainFrontmatter';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** What the full parser makes of the same text (the options parseStoryFile uses). */
function reference(text: string): { clean: boolean; value: unknown } {
  const doc = parseDocument(text, { uniqueKeys: true, schema: 'core', merge: false, prettyErrors: false });
  if (doc.errors.length || doc.warnings.length || !isMap(doc.contents)) return { clean: false, value: undefined };
  return { clean: true, value: doc.toJS({ maxAliasCount: 50 }) };
}

/** Pieces of text that YAML treats specially somewhere: indicators, numbers, keywords, escapes. */
const UNITS = [
  ...'aZé漢 019.-+:#\'"\\[]{},&*!|>%@`~?_\t'.split(''),
  '🙂',
  '\ud83d',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\r',
  'null',
  'Null',
  'true',
  'FALSE',
  '.inf',
  '.NaN',
  '0x1F',
  '0o17',
  '1e3',
  ': ',
  ' #',
  "''",
  '\\"',
  '\\n',
  '\\t',
  '\\x41',
  '\\u00e9',
];
const text = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 12 });
/** A value as written after `key: ` or `- `: bare, quoted either way, JSON-escaped, a flow list. */
const written = fc.oneof(
  text,
  text.map((s) => `'${s}'`),
  text.map((s) => `"${s}"`),
  text.map((s) => JSON.stringify(s)),
  fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }).map((n) => `[${n.join(', ')}]`),
  fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 3 }).map((n) => `[${n.join(',')}]`),
  fc.constantFrom('[]', '[ ]', '{}', '[1,]', '[01]', '[1, a]', '[1.5]', '[10, 11]'),
);
const key = fc.oneof(
  fc.constantFrom('id', 'title', 'tradeoff', 'chosen', 'weeks', 'true', 'NULL', 'a b', 'k-2', 'Y_1', '1a', '-x'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'x:y', '"q"', 'é', '? x', 'a'.repeat(70)),
);
const indent = fc.constantFrom('', '', '', '  ', '  ', '    ', ' ', '\t');
/** One line of frontmatter: a key with or without a value, a list item, a comment, a blank. */
const anyLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(indent, key, written).map(([i, k, v]) => `${i}${k}: ${v}`) },
  { weight: 2, arbitrary: fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`) },
  { weight: 3, arbitrary: fc.tuple(indent, written).map(([i, v]) => `${i}- ${v}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '# note', '  # note', '...', '---', 'key: value # note', 'k:v', 'k :v'),
  },
);
const anyFrontmatter = fc.array(anyLine, { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n'));

/** Values as people mostly write them, so that the plain-shaped frontmatter below is often read. */
const tame = fc.string({
  unit: fc.constantFrom(...Array.from('abcXYZ é🙂 019.,:#\'"-[]')),
  minLength: 1,
  maxLength: 20,
});
const value = fc.oneof(
  written,
  tame,
  tame.map((s) => JSON.stringify(s)),
);

const plainKey = fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,8}$/) }, key);

/** Frontmatter in the plain shape (keys, lists, one nested mapping) with arbitrary values. */
const scalarEntry = fc.tuple(plainKey, value).map(([k, v]) => [`${k}: ${v}`]);
const listEntry = (at: string) =>
  fc
    .tuple(plainKey, fc.constantFrom(at, `${at}  `), fc.array(value, { minLength: 1, maxLength: 3 }))
    .map(([k, itemIndent, items]) => [`${at}${k}:`, ...items.map((item) => `${itemIndent}- ${item}`)]);
const nestedEntry = fc
  .tuple(
    plainKey,
    fc.array(
      fc.oneof(
        scalarEntry.map((l) => l.map((s) => `  ${s}`)),
        listEntry('  '),
      ),
      { minLength: 1 },
    ),
  )
  .map(([k, entries]) => [`${k}:`, ...entries.flat()]);
const plainShaped = fc
  .array(fc.oneof(scalarEntry, listEntry(''), nestedEntry), { minLength: 1, maxLength: 6 })
  .map((entries) => entries.flat().join('\n'));

const storyLine = fc
  .string({ unit: fc.constantFrom(...Array.from('abcXYZ 019:#-\'"[]{}&*!|>%@`é—ü漢🙂,.?\\')), maxLength: 40 })
  .filter((s) => s.length > 0);
const storyArb: fc.Arbitrary<Story> = fc.record({
  id: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/),
  title: storyLine,
  competency: fc.constantFrom(...COMPETENCY_IDS),
  weeks: fc.array(fc.integer({ min: 1, max: 24 }), { maxLength: 3 }),
  metric: storyLine,
  tradeoff: fc.record({
    chosen: storyLine,
    alternatives: fc.array(storyLine, { maxLength: 3 }),
    because: storyLine,
    accepting: storyLine,
  }),
  questionTypes: fc.array(storyLine, { maxLength: 3 }),
  keyPhrases: fc.array(storyLine, { maxLength: 3 }),
  sections: fc.constant({ situation: '', task: '', action: '', result: '' }),
});

/** The frontmatter between the fences, as parseStoryFile hands it over. */
const between = (frontmatter: string) => frontmatter.replace(/^---\n/, '').replace(/\n---\n$/, '');

describe('the plain frontmatter reader', () => {
  it('when it answers, answers what yaml does, and yaml finds no error or warning (arbitrary lines)', () => {
    let answered = 0;
    fc.assert(
      fc.property(anyFrontmatter, (yaml) => {
        const fast = readPlainFrontmatter(yaml);
        if (fast === null) return;
        answered += 1;
        expect(reference(yaml)).toEqual({ clean: true, value: fast });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Few arbitrary texts are plain frontmatter (some runs have none): the next test is the one
    // that makes sure the comparison is not vacuous.
    if (process.env.PLAIN_COUNTS) console.log('arbitrary lines read by the fast path:', answered);
  });

  it('when it answers, answers what yaml does (plain-shaped frontmatter with arbitrary values)', () => {
    let answered = 0;
    fc.assert(
      fc.property(plainShaped, (yaml) => {
        const fast = readPlainFrontmatter(yaml);
        if (fast === null) return;
        answered += 1;
        expect(reference(yaml)).toEqual({ clean: true, value: fast });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Not vacuous: about a tenth of these are read by the fast path (a quarter of that is five
    // standard deviations below at 400 runs); every file Story Bank writes is, in the next test.
    if (process.env.PLAIN_COUNTS) console.log('plain-shaped read by the fast path:', answered, 'of', RUNS);
    if (RUNS >= 200) expect(answered).toBeGreaterThan(RUNS / 40);
  });

  it('reads every frontmatter Story Bank writes (so a vault of its own files never needs yaml)', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const yaml = between(renderFrontmatter(story));
        const fast = readPlainFrontmatter(yaml);
        expect(fast).not.toBeNull();
        expect(reference(yaml)).toEqual({ clean: true, value: fast });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('leaves to yaml what it does not read itself', () => {
    for (const yaml of [
      'id: x\n# a comment',
      'id: x # a comment',
      'id: &a x',
      'id: *a',
      'id: !!str x',
      'metric: |\n  text',
      'metric: 42',
      'metric: 1.5',
      'metric: true',
      'metric: ~',
      'metric:',
      'metric: two\n  lines',
      'metric: "\\x41"',
      'weeks: [1, two]',
      'id: a\nid: b',
      'id: a\n\ntitle: b',
      'tradeoff:\n  chosen: a\n    deeper: b',
      'a:\n  b:\n    c: d',
      '- a\n- b',
      'id:\ta',
    ])
      expect(readPlainFrontmatter(yaml), yaml).toBeNull();
  });

  it('reads hand-written lists at the key’s indent, quotes of both kinds and unicode', () => {
    expect(
      readPlainFrontmatter(
        'title: \'It\'\'s a "test"\'\nmetric: "a\\\\b \\"c\\""\nkeyPhrases:\n- C#\n- x{y}, [z]\ntradeoff:\n  alternatives:\n  - é 🙂',
      ),
    ).toEqual({
      title: 'It\'s a "test"',
      metric: 'a\\b "c"',
      keyPhrases: ['C#', 'x{y}, [z]'],
      tradeoff: { alternatives: ['é 🙂'] },
    });
  });
});
