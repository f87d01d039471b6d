import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { check as runCheck } from '../../core/checker/check';
import { checkInputFromStories } from '../../core/checker/fromStories';
import type { CheckInput, CheckReport, Finding } from '../../core/checker/types';
import { readStarFile } from '../../core/import/readStarFile';
import { readFrontmatter } from '../../core/frontmatter/readFrontmatter';
import { storyLines } from '../../core/frontmatter/storyLines';
import { Vault } from '../../main/vault/vault';
import { readStoryOrder } from '../../main/vault/storyOrderFile';
import { orderStories } from '../../core/storyOrder';
import { parseCommandLine } from '../../main/commandLine';
import { checkOptions } from '../checkOptions';
import { formatReport } from '../formatReport';
import { UsageError } from '../usage';

/** A deliverable is a few hundred lines; anything this large is not one. */
const MAX_DELIVERABLE_BYTES = 4 * 1024 * 1024;

/** `story-bank check PATH [--json] [--strict] [--wpm N]`: 0 all criteria pass, 1 any fails. */
export async function check(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, ['json', 'strict', 'wpm'], ['wpm']);
  if (positionals.length !== 1) throw new UsageError('check takes one PATH: a deliverable file or a vault folder');
  const options = checkOptions(flags);
  const path = resolve(positionals[0]);
  const { input, notCounted } = await readCheckInput(path);
  const checked = runCheck(input, options);
  checked.warnings.unshift(...notCounted);
  // Strict: a story file that cannot be counted (unreadable, or not a valid story) fails the check.
  const report: CheckReport = { ...checked, pass: checked.pass && !(options.strict && notCounted.length), notCounted };
  if (flags.has('json')) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report, `Story Bank check of ${positionals[0]}`, options.strict === true));
  return report.pass ? 0 : 1;
}

/** The checker's input from a deliverable file, or from a vault folder (read, never changed). */
export async function readCheckInput(path: string): Promise<{ input: CheckInput; notCounted: Finding[] }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  if (info.isDirectory()) {
    const snapshot = await Vault.read(path);
    // "Story N" as the app and the deliverable number it: the vault's order file, else the board's.
    const order = await readStoryOrder(path);
    if (order.problem) console.error(`warning: ${order.problem}; the stories are in the board's order`);
    const stories = orderStories(snapshot.stories, order.ids);
    const places = await Promise.all(
      stories.map(async ({ file }) => {
        const text = await readFile(join(path, file), 'utf8').catch(() => '');
        return { file, ...storyLines(text) };
      }),
    );
    return {
      input: checkInputFromStories(
        stories.map((record) => record.story),
        places,
      ),
      notCounted: snapshot.problems.map((problem) => ({
        message: `${problem.file}:${problem.line}: not counted, the file is not a valid story: ${problem.message}`,
      })),
    };
  }
  if (info.size > MAX_DELIVERABLE_BYTES)
    throw new UsageError(`${path} is ${info.size} bytes; a deliverable is a markdown file of at most 4 MiB`);
  const bytes = await readFile(path).catch((error: Error) => {
    throw new UsageError(`cannot read ${path}: ${error.message}`);
  });
  const text = new TextDecoder('utf-8').decode(bytes);
  if (bytes.includes(0) || text.includes('\uFFFD')) throw new UsageError(`${path} is not UTF-8 text`);
  // The reader import uses, after the frontmatter import reads as fields: both find the same stories.
  const front = readFrontmatter(text);
  const file = front.ok && front.found ? readStarFile(front.content, front.contentLine) : readStarFile(text);
  return { input: file, notCounted: file.nothingFound ? [{ message: `${path}: ${file.nothingFound}` }] : [] };
}
