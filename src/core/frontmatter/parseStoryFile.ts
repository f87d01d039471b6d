import { type Story } from '../story';
import { storyMetaSchema } from '../storySchema';
import { parseStoryBody } from '../storyBody';
import { lineOfPath, readFrontmatter, type FrontmatterFailure } from './readFrontmatter';

export type ParseOutcome = { ok: true; story: Story } | FrontmatterFailure;

const KNOWN_KEYS = Object.keys(storyMetaSchema.shape);

/**
 * Parses one story file's text. Never throws and never executes anything: a file that is not a
 * valid story comes back as a message naming the line and the field, so the vault can list it
 * as needing attention and leave it untouched.
 */
export function parseStoryFile(text: string): ParseOutcome {
  const front = readFrontmatter(text);
  if (!front.ok) return front;
  if (!front.found)
    return { ok: false, line: 1, message: 'a story file starts with a "---" line and YAML frontmatter' };
  const { data, content } = front;
  const known: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) known[key] = data[key];
  const checked = storyMetaSchema.safeParse(known);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = issue.path.map(String);
    // A key that is not there at all is named, so the message says what to add.
    const given = path.reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      data,
    );
    return {
      ok: false,
      line: lineOfPath(front, path) ?? 2,
      field: path.join('.'),
      message: path.length && given === undefined ? `the key "${path.join('.')}" is required` : issue.message,
    };
  }
  const { sections } = parseStoryBody(content);
  return { ok: true, story: { ...checked.data, sections } };
}
