import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/core/checker/check';
import type { CheckInput, CheckReport } from '../src/core/checker/types';
import { parseDeliverable, type ParsedDeliverable } from '../src/core/deliverable/parseDeliverable';
import { SECTION_KEYS } from '../src/core/story';
import { draftsFromSource } from '../src/main/import/draftsFromSource';
import { parseStoryFile, type ParseOutcome } from '../src/core/frontmatter/parseStoryFile';
import { Vault } from '../src/main/vault/vault';
import { applyMutations, billionLaughs, mutations, pathologicalLine } from './helpers/mutations';
import { tempDir } from './helpers/tempDir';

/**
 * Bad files, fuzzed: every parser of text the user (or a broken disk) gives us gets arbitrary
 * text, mutations of valid files, and lines built to make regular expressions backtrack. Each
 * must return (no hang: the test's own timeout is the bound), never throw, and answer with a
 * story or a problem, a report with findings. FUZZ_RUNS and FUZZ_SEED reproduce or lengthen a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const TIMEOUT = Math.max(60_000, RUNS * 400);
const params = { numRuns: RUNS, seed: SEED };

const STORIES_DIR = join(process.cwd(), 'resources', 'sample-vault', 'stories');
const storyFiles = readdirSync(STORIES_DIR).map((name) => readFileSync(join(STORIES_DIR, name), 'utf8'));
const DELIVERABLES_DIR = join(process.cwd(), 'test', 'fixtures', 'deliverables');
const deliverables = readdirSync(DELIVERABLES_DIR)
  .filter((name) => name !== 'README.md')
  .map((name) => readFileSync(join(DELIVERABLES_DIR, name), 'utf8'));

const tried: Record<string, number> = {};
const count = (target: string) => (tried[target] = (tried[target] ?? 0) + 1);
afterAll(() => {
  // The figures for the reliability report: how many inputs each target took.
  console.log(`fuzz inputs tried (FUZZ_RUNS=${RUNS}${SEED === undefined ? '' : `, FUZZ_SEED=${SEED}`}):`, tried);
});

/** A story, or a problem that names a line and says what is wrong. */
function expectOutcome(outcome: ParseOutcome): void {
  if (outcome.ok) {
    expect(typeof outcome.story.id).toBe('string');
    for (const key of SECTION_KEYS) expect(typeof outcome.story.sections[key]).toBe('string');
    return;
  }
  expect(Number.isInteger(outcome.line) && outcome.line >= 1).toBe(true);
  expect(outcome.message.trim().length).toBeGreaterThan(0);
}

function expectParsed(parsed: ParsedDeliverable): void {
  expect(Array.isArray(parsed.stories)).toBe(true);
  expect(Array.isArray(parsed.competencyMap)).toBe(true);
  for (const story of parsed.stories) for (const key of SECTION_KEYS) expect(typeof story.sections[key]).toBe('string');
}

/** Five criteria; a failing one always says why. */
function expectReport(report: CheckReport): void {
  expect(report.criteria.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
  for (const criterion of report.criteria) {
    expect(criterion.pass).toBe(criterion.findings.length === 0);
    for (const finding of criterion.findings) expect(finding.message.length).toBeGreaterThan(0);
  }
  expect(report.pass).toBe(report.criteria.every((c) => c.pass));
}

/** Any text: unicode, control characters, lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...'-:#*|\n\r\t {}[]&!>%@`"\'\u0000\uFEFFab1'.split('')), maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

describe('the story file parser (fences, plain reader + yaml) on bad files', () => {
  it(
    'answers any text with a story or a problem naming a line',
    () => {
      fc.assert(
        fc.property(anyText, fc.boolean(), (body, fenced) => {
          count('parseStoryFile');
          expectOutcome(parseStoryFile(fenced ? `---\n${body}\n---\n${body}` : body));
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'answers mutated sample story files (flips, cuts, lines, NULs, bad UTF-8, nesting, alias bombs)',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...storyFiles), mutations, (file, list) => {
          count('parseStoryFile');
          const text = applyMutations(file, list);
          const outcome = parseStoryFile(text);
          expectOutcome(outcome);
          if (text.includes('\u0000')) expect(outcome.ok).toBe(false);
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it('reads a "billion laughs" alias bomb as a problem, without expanding it', () => {
    for (const [levels, width] of [
      [10, 10],
      [20, 9],
      [40, 40],
    ]) {
      count('parseStoryFile');
      const outcome = parseStoryFile(`---\n${billionLaughs(levels, width)}\nid: x\n---\n`);
      expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/alias|too many|excessive/i) });
    }
  });

  it(
    'takes a story file with a line built to make patterns backtrack',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...storyFiles), pathologicalLine(20_000), fc.boolean(), (file, line, inFront) => {
          count('parseStoryFile');
          const text = inFront ? file.replace(/^---\n/, `---\n${line}\n`) : `${file}\n${line}\n`;
          expectOutcome(parseStoryFile(text));
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it('refuses a file larger than a story can be, with the reason', () => {
    count('parseStoryFile');
    const outcome = parseStoryFile(`${storyFiles[0]}\n${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(outcome).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/at most 1 MiB/) });
  });
});

describe('a vault of damaged files', () => {
  it(
    'loads every file as a story or a problem, and the intact ones as stories',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutations, { minLength: 1, maxLength: 8 }), async (damage) => {
          const root = await tempDir();
          await mkdir(join(root, 'stories'));
          // The sample's eight files, the first few damaged; the rest must still load as stories.
          for (const [index, text] of storyFiles.entries()) {
            const bytes = index < damage.length ? applyMutations(text, damage[index]) : text;
            await writeFile(join(root, 'stories', `${index}.md`), bytes);
          }
          count('vault load (files)');
          const snapshot = await Vault.read(root);
          expect(snapshot.stories.length + snapshot.problems.length).toBe(storyFiles.length);
          const intact = storyFiles.length - damage.length;
          expect(snapshot.stories.filter((record) => Number(record.file.slice(8, -3)) >= damage.length)).toHaveLength(
            intact,
          );
          for (const problem of snapshot.problems) expect(problem.message.length).toBeGreaterThan(0);
        }),
        { numRuns: Math.max(10, Math.round(RUNS / 5)), seed: SEED },
      );
    },
    TIMEOUT,
  );

  it('loads a file whose frontmatter is an alias to nothing as a problem', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'alias.md'), '---\n*-\n---\n*-');
    await writeFile(join(root, 'stories', 'ok.md'), storyFiles[0]);
    const snapshot = await Vault.read(root);
    expect(snapshot.stories.map((record) => record.file)).toEqual(['stories/ok.md']);
    expect(snapshot.problems[0]).toMatchObject({ file: 'stories/alias.md', message: expect.stringMatching(/mapping/) });
  });
});

describe('JavaScript frontmatter is never run', () => {
  const payload = (language: string, key: string) =>
    `---${language}\n(globalThis[${JSON.stringify(key)}] = true, { id: "x", title: "pwned" })\n---\n## Situation\n`;

  for (const language of ['js', 'javascript', 'JS', ' js', 'coffee', 'javascript ']) {
    it(`---${language} is refused and its code does not run (story parser, import, answer files)`, () => {
      const key = `__storyBankPwned_${language.trim()}`;
      const text = payload(language, key);
      const outcome = parseStoryFile(text);
      expect(outcome).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/not allowed/) });
      const imported = draftsFromSource({ name: 'evil.md', text });
      expect(imported.drafts).toEqual([]);
      expect(imported.skipped[0].reason).toMatch(/not allowed/);
      expect((globalThis as Record<string, unknown>)[key]).toBeUndefined();
    });
  }

  it('YAML tags that would build functions or regexps are refused, not turned into code', () => {
    for (const tag of ['!!js/function', '!!js/regexp', '!!js/undefined', '!!python/object']) {
      const outcome = parseStoryFile(`---\nid: x\ntitle: ${tag} "function () { globalThis.__pwnedTag = 1 }"\n---\n`);
      expect(outcome.ok).toBe(false);
    }
    expect((globalThis as Record<string, unknown>).__pwnedTag).toBeUndefined();
  });
});

describe('the deliverable parser and the checker on bad files', () => {
  it(
    'parse and check any text, with findings for every failed criterion',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          count('parseDeliverable+check');
          const parsed = parseDeliverable(text);
          expectParsed(parsed);
          expectReport(check(parsed));
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'parse and check mutated deliverables (the golden corpus)',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...deliverables), mutations, fc.boolean(), (file, list, strict) => {
          count('parseDeliverable+check');
          const parsed = parseDeliverable(applyMutations(file, list));
          expectParsed(parsed);
          expectReport(check(parsed, { strict }));
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'parse and check deliverables with lines built to make patterns backtrack',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...deliverables),
          fc.array(fc.tuple(fc.nat(), pathologicalLine(20_000)), { minLength: 1, maxLength: 3 }),
          (file, inserted) => {
            count('parseDeliverable+check');
            const lines = file.split('\n');
            for (const [at, line] of inserted) lines.splice(at % lines.length, 0, line);
            const parsed = parseDeliverable(lines.join('\n'));
            expectParsed(parsed);
            expectReport(check(parsed, { strict: true }));
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'imports (story file, deliverable or answer file) any mutated file without throwing',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...storyFiles, ...deliverables), mutations, (file, list) => {
          count('import (draftsFromSource)');
          const found = draftsFromSource({ name: 'fuzzed.md', text: applyMutations(file, list) });
          expect(found.drafts.length + found.skipped.length).toBeGreaterThan(0);
          for (const skipped of found.skipped) expect(skipped.reason.length).toBeGreaterThan(0);
        }),
        params,
      );
    },
    TIMEOUT,
  );
});

describe('the checker on arbitrary input', () => {
  const field = fc.oneof(fc.string({ maxLength: 200 }), pathologicalLine(20_000));
  const storyArb = fc.record({
    number: fc.integer({ min: -5, max: 50 }),
    title: field,
    competency: field,
    metric: field,
    tradeoffText: field,
    alternatives: fc.array(field, { maxLength: 3 }),
    sections: fc.record({ situation: field, task: field, action: field, result: field }),
    keyPhrases: fc.array(field, { maxLength: 3 }),
  });
  const inputArb: fc.Arbitrary<CheckInput> = fc.record({
    source: fc.constantFrom('vault' as const, 'file' as const),
    stories: fc.array(storyArb, { maxLength: 10 }),
    competencyMap: fc.array(fc.record({ questionType: field, storyRef: field, keyPhrases: field }), { maxLength: 8 }),
    hasPracticeGuide: fc.boolean(),
  });

  it(
    'reports every criterion, with findings for each failure, for any stories and map',
    () => {
      fc.assert(
        fc.property(
          inputArb,
          fc.boolean(),
          fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
          (input, strict, wpm) => {
            count('check');
            expectReport(check(input, { strict, wpm }));
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );
});
