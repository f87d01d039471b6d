import { REVIEW_SCHEDULE_DAYS, SECTION_TARGET_SECONDS, STORY_TARGET_SECONDS } from '../checker/timing';
import { competencyLabel } from '../competencies';
import { SECTION_KEYS, SECTION_TITLES, type Story } from '../story';
import { formatPhraseList } from '../text/phraseList';
import { escapeStructure } from '../text/structureEscape';
import { canonicalSectionText } from '../storyBody';
import { tradeoffSentence } from '../tradeoffSentence';
import { writeStoryHeading } from './storyHeading';
import { writeStoryHint } from './storyHint';

/**
 * Table cells cannot hold a pipe or a line break: a run of blanks holding a line break becomes one
 * space. (A `\s*\n\s*` pattern did the same in quadratic time on a long run of spaces.)
 */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run))
    .trim();
}

/**
 * The week-23 deliverable from the vault's stories, in the assignment's format: the stories
 * (Competency, Situation, Task, Action, Result, Metric, Tradeoff), the competency map (question
 * type → story → key phrases) and the practice guide. Same stories, same bytes: no dates, no
 * machine-dependent text.
 */
export function assembleDeliverable(stories: readonly Story[]): string {
  const out: string[] = [];
  out.push('# Interview Story Bank', '');
  out.push(
    'Eight STAR stories from the 24-week project, each with one specific metric and one explicit tradeoff,',
    'a competency map for common interview questions, and a practice guide with timing targets.',
    '',
  );
  stories.forEach((story, index) => {
    const hint = writeStoryHint(story);
    out.push(writeStoryHeading(index + 1, story.title), ...(hint ? [hint] : []), '');
    out.push(`**Competency:** ${competencyLabel(story.competency)}`);
    if (story.weeks.length) out.push(`**Weeks:** ${story.weeks.join(', ')}`);
    out.push('');
    for (const key of SECTION_KEYS) {
      // A line of the text that reads as a heading or fence would end the part or the story.
      out.push(`**${SECTION_TITLES[key]}:**`, escapeStructure(canonicalSectionText(story.sections[key])), '');
    }
    out.push(`**Metric:** ${story.metric.trim()}`);
    out.push(`**Tradeoff:** ${tradeoffSentence(story.tradeoff)}`, '');
  });

  out.push('## Competency Mapping', '');
  out.push('| Question type | Story | Key phrases |', '|---|---|---|');
  stories.forEach((story, index) => {
    for (const questionType of story.questionTypes) {
      out.push(
        `| ${cell(questionType)} | #${index + 1} ${cell(story.title)} | ${cell(formatPhraseList(story.keyPhrases))} |`,
      );
    }
  });
  out.push('');

  const minutes = STORY_TARGET_SECONDS / 60;
  out.push('## Practice Guide', '');
  out.push(`Each story takes ${minutes} minutes (${STORY_TARGET_SECONDS} s) to tell:`, '');
  out.push('| Part | Target |', '|---|---|');
  for (const key of SECTION_KEYS) out.push(`| ${SECTION_TITLES[key]} | ${SECTION_TARGET_SECONDS[key]} s |`);
  out.push(`| Whole story | ${minutes} min |`, '');
  out.push(
    '1. Read each story aloud once, then tell it from the key phrases alone.',
    `2. Time every part against its target; keep the whole story under ${minutes} minutes.`,
    '3. Record yourself, watch it back, and tighten the part that ran longest.',
    `4. Rehearse again after ${REVIEW_SCHEDULE_DAYS.slice(0, -1).join(', ')} and ${REVIEW_SCHEDULE_DAYS.at(-1)} days.`,
    '',
  );
  return out.join('\n');
}
