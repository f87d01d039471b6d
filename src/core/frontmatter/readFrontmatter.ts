import { LineCounter, parseDocument, isMap, isScalar, isSeq } from 'yaml';
import { describeValue } from '../story';
import { splitFrontmatter } from './fences';

/**
 * A story is a few kilobytes. The vault does not read files over 1 MiB, but texts reach the
 * parser from other places too (an old version out of git, an import), so it keeps its own cap.
 */
export const MAX_STORY_CHARS = 1024 * 1024;

/** Why a text cannot be read: the 1-based line of the file, the field when known, and what is wrong. */
export type FrontmatterFailure = { ok: false; line: number; field?: string; message: string };
export type FrontmatterOutcome =
  | FrontmatterFailure
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
 * How every frontmatter is parsed, read or patched: YAML's core schema (no custom tags: an
 * unknown tag such as `!!js/function` is an error, never run), no merge keys, unique keys.
 */
export const SAFE_YAML = { uniqueKeys: true, schema: 'core', merge: false, prettyErrors: false } as const;

/**
 * The YAML between the fences: without the last line's line ending and without CRs before line
 * feeds (a CRLF file would keep a stray \r on each value). Line numbers do not change.
 */
function yamlText(between: string): string {
  const text = between.replace(/\r?\n$/, '');
  return text.includes('\r') ? text.replace(/\r(?=\n|$)/g, '') : text;
}

/**
 * Splits a markdown file into its YAML frontmatter and the rest. The YAML is parsed safely
 * (SAFE_YAML, at most 50 aliases resolved); any other frontmatter language is refused. A file
 * without a "---" fence has no frontmatter. Never throws.
 */
export function readFrontmatter(text: string): FrontmatterOutcome {
  if (text.length > MAX_STORY_CHARS)
    return { ok: false, line: 1, message: `the file is ${text.length} characters long; a story file is at most 1 MiB` };
  if (text.includes('\u0000')) return { ok: false, line: 1, message: 'the file holds binary data, not text' };
  const split = splitFrontmatter(text);
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (split.kind === 'none') return { ok: true, found: false, content: source, contentLine: 1 };
  if (split.language && split.language.toLowerCase() !== 'yaml') {
    return { ok: false, line: 1, message: `frontmatter language "${split.language}" is not allowed: write it as YAML` };
  }
  if (split.kind === 'unclosed') return { ok: false, line: 1, message: 'the frontmatter has no closing "---" line' };
  const content = split.body;

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText(split.yaml), { ...SAFE_YAML, lineCounter });
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
    return { ok: false, line: 2, message: `the frontmatter must be a mapping of keys, got ${describeTop(doc)}` };
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

/**
 * The 1-based file line of the deepest key (or list item) of `path` present in the frontmatter,
 * or null when not even its first key is there. The one lookup behind every line the app names
 * for a frontmatter field: a parse problem's, and the checker's findings (storyLines.ts).
 */
export function lineOfPath(
  front: { doc: ReturnType<typeof parseDocument>; fileLine: (offset: number) => number },
  path: readonly string[],
): number | null {
  let node: unknown = front.doc.contents;
  let line: number | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) line = front.fileLine(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as { range?: [number, number, number] } | undefined;
      if (!item?.range) break;
      line = front.fileLine(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}
