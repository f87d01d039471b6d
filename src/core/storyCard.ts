import type { StoryStatus } from './checker/storyStatus';
import { OVERSHOOT_TOLERANCE, STORY_TARGET_SECONDS } from './checker/timing';
import type { Finding } from './checker/types';
import { SECTION_KEYS } from './story';
import { minutesSeconds } from './text/minutesSeconds';

/** One story-level criterion as a card shows it: a short label, pass or fail, and why. */
export interface CardMark {
  key: 'star' | 'metric' | 'tradeoff' | 'mapped';
  /** Which of the five criteria it is (5: only this story's share of the competency map). */
  criterion: 2 | 3 | 4 | 5;
  label: string;
  pass: boolean;
  /** A sentence: what passes, or the failing findings. */
  detail: string;
}

const sectionKeys: readonly string[] = SECTION_KEYS;

/** Criterion 2's findings are the empty sections; the timing warnings also name a section. */
const isMissingSection = (finding: Finding) =>
  finding.field !== undefined && sectionKeys.includes(finding.field) && /missing|empty/i.test(finding.message);

function failing(findings: Finding[], fallback: string): string {
  const messages = findings.map((finding) => finding.message.replace(/^./, (c) => c.toUpperCase()));
  return messages.length ? `${messages.join('. ')}.` : fallback;
}

/** The four marks a card shows, from the story's status in the live check. */
export function cardMarks(status: StoryStatus): CardMark[] {
  const about = (field: string) => status.findings.filter((finding) => finding.field === field);
  return [
    {
      key: 'star',
      criterion: 2,
      label: 'STAR',
      pass: status.star,
      detail: status.star
        ? 'All four STAR sections are written.'
        : failing(status.findings.filter(isMissingSection), 'Not all four STAR sections are written.'),
    },
    {
      key: 'metric',
      criterion: 3,
      label: 'Metric',
      pass: status.metric,
      detail: status.metric
        ? 'A specific number no other story uses.'
        : failing(about('metric'), 'The metric needs a specific number of its own.'),
    },
    {
      key: 'tradeoff',
      criterion: 4,
      label: 'Tradeoff',
      pass: status.tradeoff,
      detail: status.tradeoff
        ? 'Names an alternative and what was given up.'
        : failing(about('tradeoff'), 'The tradeoff needs an alternative and what was given up.'),
    },
    {
      key: 'mapped',
      criterion: 5,
      label: 'Mapped',
      pass: status.mapped,
      detail: status.mapped
        ? 'Answers at least one interview question type.'
        : 'No interview question type maps to this story yet.',
    },
  ];
}

/** Over this many seconds a story is too long to tell (2:00 plus the tolerance: 2:30). */
export const SPOKEN_LIMIT_SECONDS = Math.round(STORY_TARGET_SECONDS * (1 + OVERSHOOT_TOLERANCE));

export interface SpokenLength {
  /** "1:52 / 2:00" */
  text: string;
  /** Past the 2:00 target. */
  overTarget: boolean;
  /** Past 2:30: the card warns. */
  tooLong: boolean;
  /** The same for people who do not see the card: "About 1:52 to say; the target is 2:00." */
  label: string;
}

/** `seconds` is the whole-second estimate of `spokenSeconds`. */
export function spokenLength(seconds: number): SpokenLength {
  const said = minutesSeconds(seconds * 1000);
  const target = minutesSeconds(STORY_TARGET_SECONDS * 1000);
  const tooLong = seconds > SPOKEN_LIMIT_SECONDS;
  return {
    text: `${said} / ${target}`,
    overTarget: seconds > STORY_TARGET_SECONDS,
    tooLong,
    label: `About ${said} to say; the target is ${target}${tooLong ? `. Too long: cut it to ${target}` : ''}.`,
  };
}
