import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckInput } from '../src/cli/commands/check';
import type { ImportReport } from '../src/core/api';
import { Lexer } from 'marked';
import { assembleDeliverable } from '../src/core/deliverable/assembleDeliverable';
import { draftsFromStarFile } from '../src/core/import/draftStories';
import { readStarFile } from '../src/core/import/readStarFile';
import type { ImportSource } from '../src/main/import/draftsFromSource';
import { importExitCode, importStories, readImportSources } from '../src/main/import/importStories';
import { tradeoffSentence } from '../src/core/tradeoffSentence';
import { parseStoryFile } from '../src/core/frontmatter/parseStoryFile';
import { readFrontmatter } from '../src/core/frontmatter/readFrontmatter';
import { Vault } from '../src/main/vault/vault';
import { lostWords } from './helpers/sourceWords';
import { tempDir } from './helpers/tempDir';

const CORPUS = join(__dirname, 'fixtures', 'import-corpus');

interface Expected {
  shape: string;
  stories: string[];
  setAside: number[];
  /** Per story title: the source lines kept under "As imported". */
  kept: Record<string, number[]>;
  exit: 0 | 1 | 2;
}
const expectations = JSON.parse(readFileSync(join(CORPUS, 'expectations.json'), 'utf8')) as Record<string, Expected>;
const files = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.md'))
  .sort();

/**
 * Everything import leaves for the user: the vault's story files (a tradeoff as the sentence its
 * fields stand for, as the export writes it), the report, and a skipped file as a whole (the
 * report names it: nothing of it was imported, and it is unchanged).
 */
async function importedText(root: string, report: ImportReport, sources: ImportSource[]): Promise<string> {
  const dir = join(root, 'stories');
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  const tradeoffs = texts.map((text) => {
    const read = parseStoryFile(text);
    return read.ok ? tradeoffSentence(read.story.tradeoff) : '';
  });
  const skipped = sources.filter((source) => report.skipped.some((skip) => skip.source === source.name));
  return [...texts, ...tradeoffs, JSON.stringify(report), ...skipped.map((source) => source.text)].join('\n');
}

const rows: string[] = [];

describe('import corpus: STAR files in the shapes people write', () => {
  it('holds at least 25 files, each with expectations', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(expectations).sort()).toEqual(files);
  });

  it.each(files)('%s: the expected stories, set-aside lines and exit code; no word lost', async (name) => {
    const expected = expectations[name];
    const path = join(CORPUS, name);
    const vault = await Vault.open(join(await tempDir(), 'vault'));
    let report: ImportReport;
    const { sources, skipped } = await readImportSources(path);
    try {
      report = await importStories(vault, sources, skipped);
    } finally {
      await vault.close();
    }
    const code = importExitCode(report);
    const lost = lostWords(readFileSync(path, 'utf8'), await importedText(vault.root, report, sources));
    rows.push(
      `| ${name} | ${expected.shape} | ${expected.stories.length} / ${report.imported.length} | ${lost.length} | ${code} |`,
    );

    expect(report.imported.map((story) => story.title)).toEqual(expected.stories);
    expect((report.setAside ?? []).map((line) => line.line)).toEqual(expected.setAside);
    expect(lost).toEqual([]);
    expect(code).toBe(expected.exit);
    if (code === 2) expect(report.skipped[0].reason).toMatch(/^no story found/);

    // Each story has its four parts, none holding another part's label.
    for (const story of report.imported) {
      const text = await readFile(join(vault.root, story.file), 'utf8');
      for (const heading of ['Situation', 'Task', 'Action', 'Result'])
        expect(text, `${story.file}: ${heading}`).toMatch(new RegExp(`^## ${heading}\\n\\n\\S`, 'm'));
      const body = text.split('## As imported')[0];
      expect(body, story.file).not.toMatch(
        /^\s*(?:[-*>]\s*)?(?:\*\*)?\s*(?:Situation|Task|Action|Result)\b[^\n]{0,20}:/m,
      );
    }

    // The kept lines, per story, as the reader found them.
    const raw = readFileSync(path, 'utf8');
    const front = readFrontmatter(raw);
    if (front.ok && !name.includes('story-bank-own')) {
      const read = readStarFile(front.content, front.contentLine);
      const kept = Object.fromEntries(
        read.stories
          .filter((story) => story.kept.length)
          .map((story, index) => [
            report.imported[read.stories.indexOf(story)]?.title ?? index,
            story.kept.map((line) => line.line),
          ]),
      );
      expect(kept).toEqual(expected.kept);
    }
  });

  it.each(files)('%s: check FILE finds as many stories as import', async (name) => {
    const { input } = await readCheckInput(join(CORPUS, name));
    expect(input.stories.length).toBe(expectations[name].stories.length);
  });

  afterAll(() => {
    if (rows.length === files.length)
      console.log(
        [
          '| file | shape | stories expected / found | words lost | exit |',
          '|---|---|---|---|---|',
          ...rows.sort(),
        ].join('\n'),
      );
  });
});

describe('import corpus: what each shape keeps', () => {
  const read = (name: string) => {
    const text = readFileSync(join(CORPUS, name), 'utf8');
    const front = readFrontmatter(text);
    if (!front.ok) throw new Error(front.message);
    return readStarFile(front.content, front.contentLine).stories;
  };

  it('a fenced blank template and guidance lines are not the story', () => {
    expect(read('05-fenced-template.md')[0].sections.situation).toBe(
      'Only two people knew how to handle production pages.',
    );
    expect(read('06-guidance-lines.md')[0].sections.action).toBe(
      'I introduced a flag service and a rule that every flag gets an expiry date.',
    );
  });

  it('emoji, letters, next-line, blockquote and inline labels fill the four parts', () => {
    expect(read('12-emoji-labels.md')[0].sections.task).toBe('Design a retry policy every client team could adopt.');
    expect(read('03-twelve-list-letters.md')[4].sections.result).toBe('Outcome 5 improved by 15 percent.');
    expect(read('11-star-next-line.md')[0].sections.situation).toBe(
      'The pricing module had no tests and everyone feared touching it.',
    );
    expect(read('21-blockquote.md')[0].sections.task).toBe('Bring it back on schedule.');
    expect(read('14-inline-paragraph.md')[0].sections).toEqual({
      situation: 'The operations dashboard took 40 seconds to load.',
      task: 'I had to make it usable for the morning stand-up.',
      action: 'I added two indexes and cached the slowest query for five minutes.',
      result: 'It loads in 3 seconds.',
    });
  });

  it('a question label becomes a question type; a free-text competency stays word for word', () => {
    expect(read('08-context-question.md')[0].questions).toEqual([
      'Tell me about a time you changed how your team works.',
    ]);
    expect(read('10-freetext-competency.md')[0].competency).toBe('Ownership, Bias for action');
  });

  it('a stray fence stays inside its part; the next label still starts the next part', () => {
    const [story] = read('15-stray-fence.md');
    expect(story.sections.action).toBe(
      'I fuzzed the parser overnight and fixed each crash it found, for example:\n```',
    );
    expect(story.sections.result).toBe('The parser survived a week of fuzzing with zero crashes.');
  });

  it('the seed-style example in a ```markdown fence reads as its story, tradeoff without the fence', () => {
    const [story] = read('26-seed-raft-fenced.md');
    expect(story.title).toBe('Picking a consensus protocol');
    expect(story.tradeoffText).toBe(
      'Chose Raft over Paxos because it is easier to debug, accepting less flexibility in leader placement.',
    );
  });

  it('an exported deliverable stays whole when an imported part holds a stray fence', () => {
    const [story] = read('15-stray-fence.md');
    const drafts = draftsFromStarFile(
      { ...readStarFile(readFileSync(join(CORPUS, '15-stray-fence.md'), 'utf8')) },
      'x',
    );
    const exported = assembleDeliverable(drafts.map((draft) => draft.story));
    const headings = new Lexer()
      .lex(exported)
      .filter((token) => token.type === 'heading')
      .map((token) => (token as { text: string }).text);
    expect(headings).toEqual([
      'Interview Story Bank',
      'Story #1: Hardening a config parser',
      'Competency Mapping',
      'Practice Guide',
    ]);
    const back = readStarFile(exported).stories;
    expect(back.map((told) => told.sections)).toEqual([story.sections]);
  });

  it('re-importing a Story Bank story file keeps its unknown key and extra section', async () => {
    const vault = await Vault.open(join(await tempDir(), 'vault'));
    try {
      const { sources } = await readImportSources(join(CORPUS, '24-story-bank-own.md'));
      const report = await importStories(vault, sources);
      const text = await readFile(join(vault.root, report.imported[0].file), 'utf8');
      expect(text).toContain(
        '## As imported\n\nreviewer: "Dana"\n\n## Notes for next time\nMeasure warm-up time per region.\n',
      );
    } finally {
      await vault.close();
    }
  });

  it('a folder import reports each file in the corpus', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.md'), readFileSync(join(CORPUS, '19-preamble.md')));
    const { sources } = await readImportSources(dir);
    expect(sources.map((source) => source.name)).toEqual(['a.md']);
  });
});
