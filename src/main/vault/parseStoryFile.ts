import { LineCounter, parseDocument, isMap, isScalar, isSeq } from 'yaml';
import { describeValue, type Story } from '../../core/story';
import { storyMetaSchema } from '../../core/storySchema';
import { parseStoryBody } from '../../core/storyBody';
import { readPlainFrontmatter } from './plainFrontmatter';
import { splitFrontmatter } from '../../core/frontmatter/fences';

export type ParseOutcome = { ok: true; story: Story } | { ok: false; line: number; field?: string; message: string };

/**
 * A story is a few kilobytes. The vault does not read files over 1 MiB, but texts reach this
 * parser from other places too (an old version out of git, an import), so it keeps its own cap.
 */
export const MAX_STORY_CHARS = 1024 * 1024;
const KNOWN_KEYS = Object.keys(storyMetaSchema.shape);

type Failure = { ok: false; line: number; field?: string; message: string };
export type FrontmatterOutcome =
  | Failure
  | { ok: true; found: false; content: string; contentLine: number }
  | {
      ok: true;
      found: true;
      doc: ReturnType<typeof parseDocument>;
      data: Record<string, unknown>;
      content: string;
      /** 1-based line of the file where `content` starts. */
      contentLine: number;
      fileLine: (offset: number) => number;
    };

/**
 * The YAML between the fences, for `yaml` and the fast reader: without the last line's line ending
 * and without CRs before line feeds (a CRLF file would keep a stray \r on each value). Line
 * numbers do not change.
 */
function yamlText(between: string): string {
  const text = between.replace(/\r?\n$/, '');
  return text.includes('\r') ? text.replace(/\r(?=\n|$)/g, '') : text;
}

type Split =
  | Failure
  | { ok: true; found: false; content: string; contentLine: number }
  | { ok: true; found: true; source: string; yaml: string; content: string };

/** The checks before any YAML is read, and the split at the fences; shared by both parsers. */
function splitFile(text: string): Split {
  if (text.length > MAX_STORY_CHARS)
    return { ok: false, line: 1, message: `the file is ${text.length} characters long; a story file is at most 1 MiB` };
  if (text.includes('\u0000')) return { ok: false, line: 1, message: 'the file holds binary data, not text' };
  const split = splitFrontmatter(text);
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (split.kind === 'none') return { ok: true, found: false, content: source, contentLine: 1 };
  if (split.language && split.language.toLowerCase() !== 'yaml') {
    return { ok: false, line: 1, message: `frontmatter language "${split.language}" is not allowed: write it as YAML` };
  }
  if (split.kind === 'unclosed') {
    return { ok: false, line: 1, message: 'the frontmatter has no closing "---" line' };
  }
  const content = split.body;
  return { ok: true, found: true, source, yaml: yamlText(split.yaml), content };
}

/**
 * Splits a markdown file into its YAML frontmatter (parsed safely: no code ever runs, any other
 * frontmatter language is refused) and the rest. A file without a "---" fence has no frontmatter.
 */
export function readFrontmatter(text: string): FrontmatterOutcome {
  const split = splitFile(text);
  if (!split.ok || !split.found) return split;
  const { source, content } = split;

  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, {
    lineCounter,
    uniqueKeys: true,
    schema: 'core',
    merge: false,
    prettyErrors: false,
  });
  // The YAML starts on the file's second line, just after the opening fence.
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + 1;
  // Warnings count too: an unresolved tag such as !!js/function must not slip through as text.
  const firstError = doc.errors[0] ?? doc.warnings[0];
  if (firstError) {
    return {
      ok: false,
      line: fileLine(firstError.pos[0]),
      message: `invalid YAML: ${firstError.message.split('\n')[0]}`,
    };
  }
  if (!isMap(doc.contents)) {
    return {
      ok: false,
      line: 2,
      message: `the frontmatter must be a mapping of keys, got ${describeTop(doc)}`,
    };
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, line: 2, message: `the frontmatter cannot be read: ${(error as Error).message}` };
  }
  const contentLine = source.slice(0, source.length - content.length).split('\n').length;
  return { ok: true, found: true, doc, data, content, contentLine, fileLine };
}

/**
 * Parses one story file's text. Never throws and never executes anything: a file that is not a
 * valid story comes back as a message naming the line and the field, so the vault can list it
 * as needing attention and leave it untouched.
 */
export function parseStoryFile(text: string): ParseOutcome {
  return parsePlainStory(text) ?? parseStoryFileWithYaml(text);
}

/**
 * The fast path: a valid story whose frontmatter is plain (see plainFrontmatter.ts). Anything
 * else, and every file with a problem, returns null and goes through `yaml`, which also finds
 * the line to report. Same result either way (parseStoryFile.property.test.ts).
 */
function parsePlainStory(text: string): ParseOutcome | null {
  const split = splitFile(text);
  if (!split.ok || !split.found) return null;
  const data = readPlainFrontmatter(split.yaml);
  if (!data) return null;
  const checked = storyMetaSchema.safeParse(knownFields(data));
  if (!checked.success) return null;
  return { ok: true, story: { ...checked.data, sections: parseStoryBody(split.content).sections } };
}

function knownFields(data: Record<string, unknown>): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) known[key] = data[key];
  return known;
}

/** parseStoryFile with the full YAML parser for every file (the reference the fast path must equal). */
export function parseStoryFileWithYaml(text: string): ParseOutcome {
  const front = readFrontmatter(text);
  if (!front.ok) return front;
  if (!front.found)
    return { ok: false, line: 1, message: 'a story file starts with a "---" line and YAML frontmatter' };
  const { doc, data, content, fileLine } = front;
  const checked = storyMetaSchema.safeParse(knownFields(data));
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
      line: lineOfPath(doc, path, fileLine),
      field: path.join('.'),
      message: path.length && given === undefined ? `the key "${path.join('.')}" is required` : issue.message,
    };
  }
  const { sections } = parseStoryBody(content);
  return { ok: true, story: { ...checked.data, sections } };
}

/**
 * What the frontmatter holds instead of a mapping. `toJS` can throw (an alias to no anchor, `*x`,
 * is only an error once resolved), and one such file must not stop the vault from loading.
 */
function describeTop(doc: ReturnType<typeof parseDocument>): string {
  try {
    return describeValue(doc.toJS({ maxAliasCount: 50 }));
  } catch {
    return 'an alias to nothing';
  }
}

/** The line of the deepest key (or list item) of `path` present in the document. */
function lineOfPath(
  doc: ReturnType<typeof parseDocument>,
  path: string[],
  fileLine: (offset: number) => number,
): number {
  let node: unknown = doc.contents;
  let line = 2;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) line = fileLine(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as { range?: [number, number, number] } | undefined;
      if (!item?.range) break;
      line = fileLine(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}
