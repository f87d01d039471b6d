import { competencyOf, resolveStoryRef } from '../checker/check';
import { COMPETENCIES, competencyLabel, type CompetencyId } from '../competencies';
import type { ParsedStory } from '../deliverable/parseDeliverable';
import { readStoryHeading, writeStoryHeading } from '../deliverable/storyHeading';
import type { Story } from '../story';
import { idFromTitle } from '../storyId';
import { shownKeyPhrases, shownQuestionType } from '../text/phraseList';
import { tradeoffSentence } from '../tradeoffSentence';
import type { StarFile } from './readStarFile';
import type { SourceLine } from './starReader';
import { suggestFields } from './suggestFields';
import { tradeoffFromText } from './tradeoffFromText';

/** A story read from an outside file, before it gets an id and a file in the vault. */
export interface ImportDraft {
  story: Story;
  /** Where it came from, for the report: "bank.md, story 3" or "answers/raft.md". */
  source: string;
  /** Text that could not be put into a field exactly, kept in the file under "As imported". */
  asImported: string[];
  /** What the user should look at: guesses the import made. */
  notes: string[];
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A hinted list stands in for the visible one while the visible text still shows it (`shown`
 * is how the deliverable displays a list); a hand edit of the visible text wins. Nothing visible
 * (key phrases of a story no map row names) cannot disagree.
 */
function agreeing<T>(hinted: T[] | undefined, shown: (list: T[]) => T[], visible: T[]): T[] {
  if (!hinted) return visible;
  return visible.length === 0 || JSON.stringify(shown(hinted)) === JSON.stringify(visible) ? hinted : visible;
}

/**
 * Every story of a read file, with its question types (from the map and its `Question:` labels),
 * key phrases, and the lines in no field kept under "As imported".
 */
export function draftsFromStarFile(file: StarFile, source: string, extraText: readonly string[] = []): ImportDraft[] {
  const used: string[] = [];
  return file.stories.map((story) => {
    const rows = file.competencyMap.filter((row) => resolveStoryRef(row.storyRef, file.stories) === story);
    const questionTypes = [...rows.map((row) => row.questionType), ...story.questions];
    const draft = draftFromParts(story, `${source}, story ${story.number}`, used, {
      questionTypes: [...new Set(questionTypes)],
      kept: story.kept,
      keptText: extraText,
    });
    used.push(draft.story.competency);
    return draft;
  });
}

/**
 * One story from its parsed parts. Fields an export wrote in its hidden hint are used while the
 * visible text still says the same; otherwise the visible text is read, and what cannot be put
 * into a field exactly is kept word for word under "As imported".
 */
export function draftFromParts(
  parsed: ParsedStory,
  source: string,
  competenciesUsed: readonly string[] = [],
  extra: { questionTypes?: string[]; kept?: readonly SourceLine[]; keptText?: readonly string[] } = {},
): ImportDraft {
  const notes: string[] = [];
  const asImported: string[] = [...(extra.keptText ?? [])];
  const hint = parsed.hint;
  if (extra.keptText?.length)
    notes.push(`kept under "As imported": ${extra.keptText.map((text) => text.split(':')[0]).join(', ')}`);
  const kept = extra.kept ?? [];
  if (kept.length) {
    asImported.push(...keptBlocks(kept));
    notes.push(`text in no field kept under "As imported": ${lineRanges(kept.map((entry) => entry.line))}`);
  }

  let competency = competencyOf(parsed.competency) as CompetencyId | undefined;
  if (!competency) {
    competency =
      COMPETENCIES.find((c) => !competenciesUsed.includes(c.id))?.id ?? COMPETENCIES[COMPETENCIES.length - 1].id;
    notes.push(
      parsed.competency.trim()
        ? `competency "${squash(parsed.competency)}" is not one of the eight; put under ${competencyLabel(competency)}`
        : `no competency given; put under ${competencyLabel(competency)}`,
    );
    if (parsed.competency.trim()) asImported.push(`Competency: ${parsed.competency.trim()}`);
  } else if (!namesExactly(parsed.competency, competency)) {
    // "Technical decision-making, distributed systems" reads as one of the eight by a cue word;
    // the words themselves are kept, and the note says which one was picked.
    notes.push(`competency "${squash(parsed.competency)}" read as ${competencyLabel(competency)}`);
    asImported.push(`Competency: ${parsed.competency.trim()}`);
  }

  let tradeoff =
    hint?.tradeoff && squash(tradeoffSentence(hint.tradeoff)) === squash(parsed.tradeoffText) ? hint.tradeoff : null;
  if (!tradeoff) {
    const reading = tradeoffFromText(parsed.tradeoffText);
    tradeoff = reading.tradeoff;
    if (!reading.exact) {
      notes.push(
        'the tradeoff was split into fields by its wording; check them against the text kept under "As imported"',
      );
      asImported.push(`Tradeoff: ${parsed.tradeoffText.trim()}`);
    }
  }

  // Only for outside text: an export's story says its own metric and tradeoff (its hint).
  if (!hint)
    notes.push(
      ...suggestFields(parsed.sections, {
        metric: Boolean(parsed.metric.trim()),
        tradeoff: Boolean(parsed.tradeoffText.trim()),
      }),
    );

  const weeks = [...new Set((parsed.weeksText.match(/\d+/g) ?? []).map(Number))].filter((w) => w >= 1 && w <= 24);
  const questionTypes = [...new Set((extra.questionTypes ?? []).map(shownQuestionType).filter(Boolean))];
  const title =
    hint?.title !== undefined && readStoryHeading(writeStoryHeading(1, hint.title))?.title === parsed.title
      ? hint.title
      : squash(parsed.title) || 'Untitled story';
  return {
    story: {
      id: hint?.id ?? idFromTitle(title),
      title,
      competency,
      weeks: agreeing(hint?.weeks, (w) => [...new Set(w)], weeks),
      metric: parsed.metric.trim(),
      tradeoff,
      questionTypes: agreeing(
        hint?.questionTypes,
        (q) => [...new Set(q.map(shownQuestionType).filter(Boolean))],
        questionTypes,
      ),
      keyPhrases: agreeing(hint?.keyPhrases, shownKeyPhrases, parsed.keyPhrases),
      sections: parsed.sections,
    },
    source,
    asImported,
    notes,
  };
}

/** The competency text is the competency's id or label, as the export writes it. */
function namesExactly(text: string, id: CompetencyId): boolean {
  const said = squash(text).toLowerCase();
  return said === id || said === competencyLabel(id).toLowerCase();
}

/** Kept lines as blocks of text: lines next to each other stay together, word for word. */
function keptBlocks(kept: readonly SourceLine[]): string[] {
  const blocks: string[][] = [];
  let last = -2;
  for (const entry of kept) {
    if (entry.line !== last + 1 || blocks.length === 0) blocks.push([]);
    blocks[blocks.length - 1].push(entry.text);
    last = entry.line;
  }
  return blocks.map((block) => block.join('\n'));
}

/** "lines 3, 7–9" for the lines 3, 7, 8, 9. */
export function lineRanges(lines: readonly number[]): string {
  const ranges: Array<[number, number]> = [];
  for (const line of [...new Set(lines)].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  const shown = ranges.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`));
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown.join(', ')}`;
}
