import { COMPETENCIES } from '../competencies';
import { SECTION_KEYS, SECTION_TITLES } from '../story';
import {
  DEFAULT_WPM,
  OVERSHOOT_TOLERANCE,
  SECTION_TARGET_SECONDS,
  STORY_TARGET_SECONDS,
  spokenSeconds,
} from './timing';
import { keptFor } from './keptFor';
import type { CheckInput, CheckOptions, CheckReport, CheckStory, CriterionResult, Finding } from './types';

export const CRITERIA_NAMES = {
  1: 'Exactly 8 STAR stories documented',
  2: 'Each has Situation/Task/Action/Result sections',
  3: 'Each includes one metric with a specific number',
  4: 'Each includes one tradeoff with alternatives',
  5: 'Competency mapping covers at least 6 different question types',
} as const;

const NUMBER = /\d/;
/** Words that name what was not chosen. `\s+`, not a space: a wrapped line breaks anywhere. */
const ALTERNATIVE_CUES =
  /\b(over|instead\s+of|rather\s+than|versus|vs\.?|alternatives?|evaluated|considered|compared|weighed)\b/i;
/** Words that say what was given up. */
const COST_CUES =
  /\b(accept(?:ed|ing)?|sacrific\w*|giv(?:e|ing)\s+up|gave\s+up|at\s+the\s+cost\s+of|instead\s+of|cost|lost|losing|trade-?off|downside|price)\b/i;

/** How much of a story's tradeoff and action is searched for two alternatives named together. */
const MAX_PAIR_TEXT = 4000;
/** "I evaluated A and B", "compared A, B or C": two or more alternatives named together. */
const LISTED_PAIR = /\b(?:evaluated|considered|compared|weighed)\s+[^.;]+?\s+(?:and|or)\s+[^.;]+/i;
/**
 * "Chose X over A and B". After "over" the alternatives end where the sentence turns to the reason
 * or the cost, so "X over Y, accepting that A and B" names one alternative, not two.
 */
const OVER_PAIR = new RegExp(
  String.raw`\bover\s+(?:(?!\b(?:because|since)\b|${COST_CUES.source})[^.;:—–])+?\s+(?:and|or)\s+[^.;]+`,
  'i',
);

const who = (story: CheckStory) => ({ number: story.number, title: story.title });
const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Checks the five pass criteria of the assignment, plus the warnings, on any source. */
export function check(input: CheckInput, options: CheckOptions = {}): CheckReport {
  const wpm = options.wpm ?? DEFAULT_WPM;
  const { stories } = input;
  const criteria: CriterionResult[] = [
    criterion(1, countFindings(stories.length)),
    criterion(
      2,
      orNoStories(
        stories,
        stories.flatMap((story) => keptFor(story, 'sections', () => sectionFindings(story))),
      ),
    ),
    criterion(3, orNoStories(stories, metricFindings(stories))),
    criterion(
      4,
      orNoStories(
        stories,
        stories.flatMap((story) => {
          const strict = options.strict === true;
          return keptFor(story, strict ? 'tradeoff strict' : 'tradeoff', () => tradeoffFindings(story, strict));
        }),
      ),
    ),
    criterion(5, mappingFindings(input)),
  ];
  // Counted once: the report and the warnings both need every section's length.
  const seconds = stories.map((story) => keptFor(story, `seconds ${wpm}`, () => sectionSeconds(story, wpm)));
  const inFile = inStoryFiles(stories);
  return {
    pass: criteria.every((c) => c.pass),
    criteria: criteria.map((c) => ({ ...c, findings: inFile(c.findings) })),
    stories: stories.map((story, index) => {
      const sections = seconds[index];
      return {
        number: story.number,
        title: story.title,
        competency: story.competency,
        metric: story.metric,
        sections,
        estimatedSeconds: SECTION_KEYS.reduce((sum, key) => sum + sections[key], 0),
      };
    }),
    warnings: inFile(warnings(input, wpm, seconds)),
  };
}

/** Names the file of each finding about a story that has one (a vault's), so people can open it. */
function inStoryFiles(stories: CheckStory[]): (findings: Finding[]) => Finding[] {
  const files = new Map(stories.flatMap((story) => (story.file ? [[story.number, story.file] as const] : [])));
  return (findings) =>
    files.size === 0
      ? findings
      : findings.map((finding) => {
          const file = finding.story && files.get(finding.story.number);
          return file ? { ...finding, file } : finding;
        });
}

type SectionSeconds = CheckReport['stories'][number]['sections'];

function sectionSeconds(story: CheckStory, wpm: number): SectionSeconds {
  return {
    situation: spokenSeconds(story.sections.situation, wpm),
    task: spokenSeconds(story.sections.task, wpm),
    action: spokenSeconds(story.sections.action, wpm),
    result: spokenSeconds(story.sections.result, wpm),
  };
}

function criterion(id: CriterionResult['id'], findings: Finding[]): CriterionResult {
  return { id, name: CRITERIA_NAMES[id], pass: findings.length === 0, findings };
}

/**
 * "Each story has…" holds vacuously for no stories, but an empty bank passing three criteria reads
 * as progress that is not there: with nothing to check, the per-story criteria fail.
 */
function orNoStories(stories: CheckStory[], findings: Finding[]): Finding[] {
  return stories.length === 0 ? [{ message: 'no stories to check yet' }] : findings;
}

/** How many stories the deliverable holds, no more and no fewer. */
export const STORIES_NEEDED = 8;

function countFindings(count: number): Finding[] {
  if (count === STORIES_NEEDED) return [];
  const found = `found ${count} ${count === 1 ? 'story' : 'stories'}`;
  return [{ message: `${found}; the bank needs exactly ${STORIES_NEEDED}` }];
}

function sectionFindings(story: CheckStory): Finding[] {
  return SECTION_KEYS.filter((key) => !story.sections[key].trim()).map((key) => ({
    story: who(story),
    field: key,
    line: story.lines?.[key] ?? story.line,
    message: `${SECTION_TITLES[key]} is missing or empty`,
  }));
}

function metricFindings(stories: CheckStory[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, CheckStory>();
  for (const story of stories) {
    const line = story.lines?.metric ?? story.line;
    if (!story.metric.trim()) {
      findings.push({ story: who(story), field: 'metric', line, message: 'has no metric' });
      continue;
    }
    const { hasNumber, key } = keptFor(story, 'metric', () => ({
      hasNumber: NUMBER.test(story.metric),
      key: normalise(story.metric),
    }));
    if (!hasNumber) {
      findings.push({
        story: who(story),
        field: 'metric',
        line,
        message: `the metric "${story.metric}" has no specific number`,
      });
    }
    const first = seen.get(key);
    if (first)
      findings.push({
        story: who(story),
        field: 'metric',
        line,
        message: `uses the same metric as story ${first.number} ("${first.title}"); each metric must be different`,
      });
    else seen.set(key, story);
  }
  return findings;
}

function tradeoffFindings(story: CheckStory, strict: boolean): Finding[] {
  const line = story.lines?.tradeoff ?? story.line;
  const at = { story: who(story), field: 'tradeoff', line };
  const text = story.tradeoffText.trim();
  if (!text) return [{ ...at, message: 'has no tradeoff' }];
  const findings: Finding[] = [];
  const namesAlternative = story.alternatives.some((a) => a.trim()) || ALTERNATIVE_CUES.test(text);
  if (!namesAlternative)
    findings.push({ ...at, message: 'the tradeoff names no alternative that was not chosen (e.g. "chose X over Y")' });
  if (!COST_CUES.test(text))
    findings.push({
      ...at,
      message: 'the tradeoff does not say what was given up (e.g. "accepting that…", "at the cost of…")',
    });
  if (strict && alternativeCount(story) < 2) {
    findings.push({
      ...at,
      message: 'strict: name at least two alternatives across the tradeoff and the action ("I evaluated A and B…")',
    });
  }
  return findings;
}

/** How many alternatives a story names: the vault's list, or enumerations in the text. */
export function alternativeCount(story: CheckStory): number {
  const listed = story.alternatives.filter((a) => a.trim()).length;
  if (listed) return listed;
  // One space between words, so the pair patterns' `\s+` has one way to match a run of blanks, and
  // only the start: each "over"/"evaluated" starts a scan to the end of its sentence, so a long
  // run of them would take quadratic time. A spoken tradeoff and action fit well within it.
  const text = `${story.tradeoffText}\n${story.sections.action}`.replace(/\s+/g, ' ').slice(0, MAX_PAIR_TEXT);
  const enumerated = new Set(text.match(/\(\d\)/g) ?? []).size;
  if (enumerated >= 3) return enumerated - 1;
  const pair = LISTED_PAIR.test(text) || OVER_PAIR.test(text);
  return pair ? 2 : ALTERNATIVE_CUES.test(story.tradeoffText) ? 1 : 0;
}

function mappingFindings(input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  if (input.competencyMap.length === 0) {
    return [{ message: 'no competency map found (a table of question type → story → key phrases)' }];
  }
  const types = new Set(
    input.competencyMap.map((row) => keptFor(row, 'type', () => normalise(row.questionType))).filter(Boolean),
  );
  if (types.size < 6)
    findings.push({
      message: `the competency map covers ${types.size} question ${types.size === 1 ? 'type' : 'types'}; at least 6 are needed`,
    });
  const resolve = storyRefResolver(input.stories);
  for (const row of input.competencyMap) {
    if (!resolve(row.storyRef)) {
      findings.push({
        line: row.line,
        message: `the row "${row.questionType}" points to "${row.storyRef}", which is not a story in the bank`,
      });
    }
  }
  return findings;
}

/** The story a map row means: by number ("#3", "Story 3", "3", "S3") or by title. */
export function resolveStoryRef(ref: string, stories: CheckStory[]): CheckStory | undefined {
  return storyRefResolver(stories)(ref);
}

/**
 * `resolveStoryRef` for many rows over the same stories: numbers are looked up in a map made once,
 * so a map of thousands of rows is not a scan of the whole bank per row.
 */
export function storyRefResolver(stories: CheckStory[]): (ref: string) => CheckStory | undefined {
  let byNumber: Map<number, CheckStory> | undefined;
  return (ref) => {
    const number = /^(?:story\s*)?[#s]?\s*(\d+)\b/i.exec(ref.trim());
    if (number) {
      if (!byNumber) {
        byNumber = new Map();
        // The first story with a number wins, as a front-to-back search would find it.
        for (const story of stories) if (!byNumber.has(story.number)) byNumber.set(story.number, story);
      }
      return byNumber.get(Number(number[1]));
    }
    const wanted = normalise(ref.replace(/[*_`]/g, ''));
    return wanted
      ? stories.find((s) => normalise(s.title) === wanted || normalise(s.title).startsWith(wanted))
      : undefined;
  };
}

function warnings(input: CheckInput, wpm: number, seconds: SectionSeconds[]): Finding[] {
  const found: Finding[] = [];
  const covered = new Set(input.stories.map((s) => competencyOf(s.competency)).filter(Boolean));
  const missing = COMPETENCIES.filter((c) => !covered.has(c.id)).map((c) => c.label);
  if (missing.length) found.push({ message: `competencies without a story: ${missing.join(', ')}` });
  if (!input.hasPracticeGuide)
    found.push({ message: 'no practice guide with timing targets (15/15/60/30 s, 2 minutes a story)' });
  for (const [index, story] of input.stories.entries()) {
    let total = 0;
    for (const key of SECTION_KEYS) {
      const said = seconds[index][key];
      total += said;
      const target = SECTION_TARGET_SECONDS[key];
      if (said > target * (1 + OVERSHOOT_TOLERANCE)) {
        found.push({
          story: who(story),
          field: key,
          line: story.lines?.[key],
          message: `${SECTION_TITLES[key]} takes about ${said} s to say at ${wpm} wpm (target ${target} s)`,
        });
      }
    }
    if (total > STORY_TARGET_SECONDS * (1 + OVERSHOOT_TOLERANCE)) {
      found.push({
        story: who(story),
        line: story.line,
        message: `the story takes about ${total} s to say at ${wpm} wpm (target 2:00)`,
      });
    }
    if (story.keyPhrases.length === 0)
      found.push({ story: who(story), line: story.line, message: 'has no key phrases' });
  }
  return found;
}

/** A competency id from an id or from free text such as "Technical decision-making, distributed systems". */
export function competencyOf(text: string): string | undefined {
  const lower = text.toLowerCase();
  const direct = COMPETENCIES.find((c) => c.id === lower || c.label.toLowerCase() === lower.trim());
  if (direct) return direct.id;
  const cues: Array<[string, RegExp]> = [
    ['distributed-systems', /distributed|consensus|replication/],
    ['security', /secur|threat|crypto/],
    ['reliability', /reliab|sre\b|slo|incident|on-?call/],
    ['debugging', /debug|root cause|testing/],
    ['performance', /perform|latency|throughput|optimi/],
    ['architecture', /architect|system design|design/],
    ['collaboration', /collab|team|review|communicat/],
    ['learning-from-failure', /fail|mistake|learn/],
  ];
  return cues.find(([, cue]) => cue.test(lower))?.[0];
}
