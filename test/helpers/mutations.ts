import fc from 'fast-check';

/**
 * Ways real files go bad, as fast-check arbitraries over a valid file's text: a disk or a sync
 * tool flips bytes or cuts the file short, an editor duplicates or drops lines or mixes line
 * endings, someone pastes a megabyte on one line, or writes YAML meant to blow up a parser.
 */
export type Mutation = (text: string) => string;

const lines = (text: string) => text.split('\n');

/** Replaces one byte of the UTF-8 encoding (which may leave invalid UTF-8 behind). */
const byteFlip = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]): Mutation => (text) => {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return text;
  bytes[at % bytes.length] = byte;
  return bytes.toString('utf8');
});

/** Cuts the file short, anywhere, even inside a multi-byte character. */
const truncation = fc.nat().map((at): Mutation => (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.subarray(0, at % (bytes.length + 1)).toString('utf8');
});

const duplicateLine = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })).map(([at, times]): Mutation => (text) => {
  const all = lines(text);
  const index = at % all.length;
  all.splice(index, 0, ...Array<string>(times).fill(all[index]));
  return all.join('\n');
});

const removeLine = fc.nat().map((at): Mutation => (text) => {
  const all = lines(text);
  all.splice(at % all.length, 1);
  return all.join('\n');
});

/** Some line endings become CRLF or a lone CR, others stay LF. */
const crlfMix = fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 8 }).map(
  (endings): Mutation =>
    (text) =>
      lines(text)
        .map((line, i, all) => (i === all.length - 1 ? line : `${line}${endings[i % endings.length]}`))
        .join(''),
);

const insertAt = (text: string, at: number, piece: string) => {
  const index = at % (text.length + 1);
  return `${text.slice(0, index)}${piece}${text.slice(index)}`;
};

const nulBytes = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(
  ([at, n]): Mutation =>
    (text) =>
      insertAt(text, at, '\u0000'.repeat(n)),
);

/** Bytes that are never valid UTF-8 (a lone continuation byte, an overlong form, a surrogate half). */
const invalidUtf8 = fc
  .tuple(fc.nat(), fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xf4, 0x90, 0x80, 0x80]))
  .map(([at, bad]): Mutation => (text) => {
    const bytes = Buffer.from(text, 'utf8');
    const index = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, index), Buffer.from(bad), bytes.subarray(index)]).toString('utf8');
  });

/**
 * Units whose long runs make backtracking regular expressions slow: whitespace and letters that
 * overlapping `\s*` / `[A-Za-z -]*?` groups can split many ways, markup a pattern waits to close.
 */
export const PATHOLOGICAL_UNITS = [' ', '\t', 'a ', 'a', '*', '#', '-', '(', '|', ':', '**', ' and', 'over ', '1'];
/** Starts of lines that send a line down a label, heading, table or tradeoff pattern. */
export const PATHOLOGICAL_PREFIXES = [
  '',
  '**',
  '**a',
  '- **Situation',
  '# ',
  '## Story 1 ',
  '### ',
  'Situation',
  'a',
  '| ',
  '<!-- story-bank: {',
  '<!-- story id: ',
  'evaluated ',
  'chose X over ',
  'because ',
  'accepting ',
];

/** One long line built to be slow to match, `length` units long. */
export const pathologicalLine = (maxLength: number) =>
  fc
    .tuple(
      fc.constantFrom(...PATHOLOGICAL_PREFIXES),
      fc.constantFrom(...PATHOLOGICAL_UNITS),
      fc.integer({ min: 1, max: maxLength }),
      fc.constantFrom('', 'x', ':', '**', ')', '#', '!'),
    )
    .map(([prefix, unit, n, suffix]) => `${prefix}${unit.repeat(n)}${suffix}`);

const hugeLine = fc.tuple(fc.nat(), pathologicalLine(5000)).map(([at, line]): Mutation => (text) => {
  const all = lines(text);
  all.splice(at % (all.length + 1), 0, line);
  return all.join('\n');
});

/** Deeply nested YAML flow collections or block maps, inside the frontmatter. */
const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('flow-seq', 'flow-map', 'block'))
  .map(([depth, kind]): Mutation => (text) => {
    const value =
      kind === 'flow-seq'
        ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
        : kind === 'flow-map'
          ? `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`
          : Array.from({ length: Math.min(depth, 400) }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n') + ' 1';
    return text.replace(/^---\r?\n/, `---\nnested:${kind === 'block' ? '\n' : ' '}${value}\n`);
  });

/** "Billion laughs": each alias level multiplies the expanded size. */
export function billionLaughs(levels: number, width: number): string {
  const rows = [`a0: &a0 ["lol"]`];
  for (let level = 1; level < levels; level += 1) {
    rows.push(
      `a${level}: &a${level} [${Array<string>(width)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  }
  return rows.join('\n');
}
const aliasBomb = fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 })).map(
  ([levels, width]): Mutation =>
    (text) =>
      text.replace(/^---\r?\n/, `---\n${billionLaughs(levels, width)}\n`),
);

const fenceLanguage = fc.constantFrom('js', 'javascript', 'coffee', 'json', 'toml', 'JS', ' js ', 'yaml', 'yml').map(
  (language): Mutation =>
    (text) =>
      text.replace(/^---/, `---${language}`),
);

export const MUTATION_KINDS = {
  byteFlip,
  truncation,
  duplicateLine,
  removeLine,
  crlfMix,
  nulBytes,
  invalidUtf8,
  hugeLine,
  deepNesting,
  aliasBomb,
  fenceLanguage,
} as const;

/** One to four mutations of any kind, applied in turn, with the kinds' names for the report. */
export const mutations = fc.array(
  fc.oneof(
    ...Object.entries(MUTATION_KINDS).map(([name, arb]) => (arb as fc.Arbitrary<Mutation>).map((m) => ({ name, m }))),
  ),
  { minLength: 1, maxLength: 4 },
);

export function applyMutations(text: string, list: Array<{ m: Mutation }>): string {
  return list.reduce((acc, { m }) => m(acc), text);
}
