import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar, isSeq } from 'yaml';
import { storyMetaSchema, describeValue, type Story } from '../../core/story';
import { parseStoryBody } from '../../core/storyBody';

export type ParseOutcome = { ok: true; story: Story } | { ok: false; line: number; field?: string; message: string };

/** gray-matter would run `---js` frontmatter through eval; every engine but our YAML one refuses. */
function refuse(language: string) {
  return () => {
    throw new Error(`frontmatter language "${language}" is not allowed: write it as YAML`);
  };
}
const engines = {
  // gray-matter only splits the file; the YAML is parsed below with line numbers kept.
  yaml: { parse: () => ({}), stringify: () => '' },
  js: { parse: refuse('js'), stringify: refuse('js') },
  javascript: { parse: refuse('javascript'), stringify: refuse('javascript') },
  coffee: { parse: refuse('coffee'), stringify: refuse('coffee') },
  json: { parse: refuse('json'), stringify: refuse('json') },
  toml: { parse: refuse('toml'), stringify: refuse('toml') },
};

const OPENING_FENCE = /^---([^\r\n]*)\r?\n/;
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
 * Splits a markdown file into its YAML frontmatter (parsed safely: no code ever runs, any other
 * frontmatter language is refused) and the rest. A file without a "---" fence has no frontmatter.
 */
export function readFrontmatter(text: string): FrontmatterOutcome {
  if (text.length > MAX_STORY_CHARS)
    return { ok: false, line: 1, message: `the file is ${text.length} characters long; a story file is at most 1 MiB` };
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (source.includes('\u0000')) return { ok: false, line: 1, message: 'the file holds binary data, not text' };
  const fence = OPENING_FENCE.exec(source);
  if (!fence) return { ok: true, found: false, content: source, contentLine: 1 };
  const language = fence[1].trim();
  if (language && language.toLowerCase() !== 'yaml') {
    return { ok: false, line: 1, message: `frontmatter language "${language}" is not allowed: write it as YAML` };
  }

  let raw: string;
  let content: string;
  try {
    // Options are always passed, so gray-matter neither caches nor hands out a shared object.
    const file = matter(source, { engines, language: 'yaml' });
    raw = file.matter;
    content = file.content;
  } catch (error) {
    return { ok: false, line: 1, message: (error as Error).message };
  }
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(source.slice(fence[0].length - 1))) {
    return { ok: false, line: 1, message: 'the frontmatter has no closing "---" line' };
  }

  const lineCounter = new LineCounter();
  // CRLF files: YAML would keep a stray \r on the last value; line numbers do not change.
  const doc = parseDocument(raw.replace(/^\r?\n/, '').replace(/\r(?=\n|$)/g, ''), {
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
  const front = readFrontmatter(text);
  if (!front.ok) return front;
  if (!front.found)
    return { ok: false, line: 1, message: 'a story file starts with a "---" line and YAML frontmatter' };
  const { doc, data, content, fileLine } = front;
  const known = Object.fromEntries(KNOWN_KEYS.map((key) => [key, data[key]]));
  const checked = storyMetaSchema.safeParse(known);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = issue.path.map(String);
    return {
      ok: false,
      line: lineOfPath(doc, path, fileLine),
      field: path.join('.'),
      message: issue.path.length && data[path[0]] === undefined ? 'is required' : issue.message,
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
