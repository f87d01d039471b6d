import { resolve } from 'node:path';
import { StoryBankError } from '../../core/apiError';
import { drillReport, type DrillReport } from '../../core/drill/drillReport';
import type { QuestionTypeStats } from '../../core/drill/drillStats';
import { parseCommandLine } from '../../main/commandLine';
import { readDrills } from '../../main/drill/readDrills';
import { Vault } from '../../main/vault/vault';
import { UsageError } from '../usage';

/**
 * `story-bank stats VAULT [--json]`: the mock-interview drills so far, as the board shows them.
 * Reads only. Exit 0 when every story and take file was read, 1 when some could not be (each is
 * listed, and left out of the figures), 2 for a usage error or a folder that is not a vault.
 */
export async function stats(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, ['json']);
  if (positionals.length !== 1) throw new UsageError('stats takes one VAULT folder');
  const root = resolve(positionals[0]);
  const snapshot = await Vault.read(root).catch((error: unknown) => {
    throw new UsageError(error instanceof StoryBankError ? error.message : `cannot read ${root}: ${String(error)}`);
  });
  const { drills, problems: takeProblems } = await readDrills(root, snapshot.stories);
  const report = drillReport(
    snapshot.stories.map(({ story }) => story),
    drills,
  );
  const problems = [
    ...snapshot.problems.map((problem) => ({
      path: problem.file,
      message: `not counted, the file is not a valid story: ${problem.message}`,
    })),
    ...takeProblems.map((problem) => ({ path: problem.path, message: problem.message })),
  ];
  if (flags.has('json')) console.log(JSON.stringify(jsonOf(report, problems), null, 2));
  else console.log(formatStats(report, problems, positionals[0]));
  return problems.length ? 1 : 0;
}

type Problem = { path: string; message: string };

/** The `--json` shape (docs/cli.md): stable field names, ids rather than positions. */
function jsonOf(report: DrillReport, problems: Problem[]) {
  return {
    drills: report.drills,
    questionTypes: report.questionTypes.map((type) => ({
      questionType: type.label,
      stories: type.storyIds,
      attempts: type.attempts,
      correct: type.correct,
      accuracy: type.accuracy,
      medianChooseMs: type.medianChooseMs,
    })),
    stories: report.stories.map((story) => ({
      storyId: story.storyId,
      title: story.title,
      drills: story.drills,
      rubric: story.rubric,
    })),
    problems,
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function typeLine(type: QuestionTypeStats): string {
  const percent = Math.round(type.accuracy! * 100);
  return `${type.label} — ${type.correct} of ${type.attempts} right first time (${percent}%), median ${seconds(type.medianChooseMs!)} to choose`;
}

export function formatStats(report: DrillReport, problems: Problem[], vault: string): string {
  const out = [`Story Bank drills in ${vault}: ${report.drills} ${report.drills === 1 ? 'drill' : 'drills'}`, ''];
  const drilled = report.questionTypes.filter((type) => type.attempts > 0);
  const untried = report.questionTypes.length - drilled.length;
  if (drilled.length) {
    out.push('Question types, weakest first:');
    drilled.forEach((type, index) => out.push(`  ${index + 1}. ${typeLine(type)}`));
  } else out.push('No drills yet: start one from the board (Drill).');
  if (untried) out.push(`  Not drilled yet: ${untried} question ${untried === 1 ? 'type' : 'types'}`);
  const trends = report.stories.filter((story) => story.rubric.length);
  if (trends.length) {
    out.push('', 'Rubric per story (self-checked items said, oldest → newest):');
    for (const story of trends)
      out.push(`  ${story.title} — ${story.rubric.map((point) => `${point.checked}/${point.of}`).join(' → ')}`);
  }
  if (problems.length) {
    out.push('', `Not read (${problems.length}):`);
    for (const problem of problems) out.push(`  ! ${problem.path}: ${problem.message}`);
  }
  return out.join('\n');
}
