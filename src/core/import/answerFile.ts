import { tradeoffSchema } from '../storySchema';
import { tradeoffSentence } from '../tradeoffSentence';
import type { StarFileStory } from './readStarFile';

/** Frontmatter keys an answer file may use to fill fields; any other key is kept as text. */
const FIELD_KEYS = new Set(['title', 'competency', 'metric', 'tradeoff', 'weeks', 'questionTypes', 'keyPhrases']);

/**
 * One STAR answer file's story with its frontmatter: `title`, `competency`, `metric`,
 * `tradeoff`, `weeks`, `questionTypes` and `keyPhrases` fill what the body does not say; a
 * `question` is a question type too; every other key is kept as a "key: value" line (under
 * "As imported") so nothing the file says is dropped.
 */
export function withFrontmatter(
  story: StarFileStory,
  meta: Record<string, unknown>,
): StarFileStory & { metaKept: string[] } {
  const metaTradeoff = tradeoffSchema.safeParse(meta.tradeoff);
  const metaKept = Object.entries(meta)
    .filter(([key]) => !FIELD_KEYS.has(key))
    .map(([key, value]) => `${key}: ${shown(value)}`);
  // The frontmatter's title wins; a different heading title is kept, not dropped.
  const metaTitle = textOf(meta.title);
  if (metaTitle && story.titleWritten && story.title !== metaTitle) metaKept.unshift(`Title: ${story.title}`);
  return {
    ...story,
    title: metaTitle || story.title,
    competency: story.competency || textOf(meta.competency),
    metric: story.metric || textOf(meta.metric),
    tradeoffText:
      story.tradeoffText || (metaTradeoff.success ? tradeoffSentence(metaTradeoff.data) : textOf(meta.tradeoff)),
    weeksText: story.weeksText || listOf(meta.weeks).join(', '),
    keyPhrases: story.keyPhrases.length ? story.keyPhrases : listOf(meta.keyPhrases),
    questions: [...listOf(meta.questionTypes), ...listOf(meta.question), ...story.questions],
    metaKept,
  };
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean);
  const text = textOf(value);
  return text ? [text] : [];
}
