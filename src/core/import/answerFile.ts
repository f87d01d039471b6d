import { parseStoryParts, type ParsedStory } from '../deliverable/parseDeliverable';
import { tradeoffSchema } from '../storySchema';
import { readHeading } from '../text/markdownLine';
import { tradeoffSentence } from '../tradeoffSentence';

const LABEL_HEADING = /^(situation|task|actions?|results?|metric|trade-?\s?off|competenc(?:y|ies)|weeks?)\b/i;

/**
 * One STAR answer written as its own file: labels inline (`**Situation:** …`) or as headings
 * (`## Situation`), with optional frontmatter whose `title`, `competency`, `metric`, `tradeoff`,
 * `weeks`, `questionTypes` and `keyPhrases` fill what the body does not say. The title is the
 * frontmatter's, else the first heading that is not a label, else the file name.
 */
export function parseAnswerFile(
  body: string,
  fileName: string,
  meta: Record<string, unknown> = {},
  firstLine = 1,
): ParsedStory & { questionTypes: string[] } {
  const lines = body.split(/\r?\n/).map((text, index) => ({ text, line: firstLine + index }));
  const heading = lines
    .map(({ text }) => readHeading(text)?.text ?? '')
    .find((text) => text && !LABEL_HEADING.test(text.replace(/[*_]/g, '')));
  const title =
    textOf(meta.title) ||
    heading?.replace(/[*_`]/g, '').trim() ||
    fileName
      .replace(/\.[^.]+$/, '')
      .replace(/^\d+[-_ ]+/, '')
      .replace(/[-_]+/g, ' ')
      .trim();
  const story = parseStoryParts(lines, 1, title, firstLine);
  const metaTradeoff = tradeoffSchema.safeParse(meta.tradeoff);
  return {
    ...story,
    competency: story.competency || textOf(meta.competency),
    metric: story.metric || textOf(meta.metric),
    tradeoffText:
      story.tradeoffText || (metaTradeoff.success ? tradeoffSentence(metaTradeoff.data) : textOf(meta.tradeoff)),
    weeksText: story.weeksText || listOf(meta.weeks).join(', '),
    keyPhrases: story.keyPhrases.length ? story.keyPhrases : listOf(meta.keyPhrases),
    questionTypes: listOf(meta.questionTypes),
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean);
  const text = textOf(value);
  return text ? [text] : [];
}
