/**
 * A fast reader for the plain YAML that Story Bank writes (src/core/storyFrontmatter.ts) and most
 * people hand-write: `key: value` lines, one nested mapping (`tradeoff:`), block lists of text and
 * flow lists of week numbers. Parsing with the `yaml` library costs several times more than reading
 * the file; this costs about as much as splitting the lines.
 *
 * It answers only when it is sure: for anything outside that subset (comments, anchors, tags,
 * block scalars, multi-line values, tabs, blank lines, text that YAML would read as a number,
 * a boolean or null, escapes other than \\ \" \n \t, …) it returns `null` and the caller parses the
 * text with `yaml`. When it does answer, the result equals `yaml`'s `parseDocument(text, {schema:
 * 'core', uniqueKeys: true}).toJS()` and that parse has no error or warning (property-tested
 * against `yaml` in plainFrontmatter.test.ts). Nothing is ever evaluated.
 */

type Value = string | number[] | string[] | { [key: string]: Value };

const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Keys left to yaml: those that read as null or a boolean, in any letter case. */
const RESERVED_KEY = /^(?:null|true|false)$/i;
/**
 * Plain values YAML's core schema does not read as text: yaml's own tests for null, booleans,
 * integers (decimal, 0o octal, 0x hex) and floats (`1.5`, `1e3`, `.inf`, `.nan`), copied from
 * yaml/dist/schema/core and common (the property test compares against yaml itself).
 */
const NOT_TEXT = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/**
 * Characters that start something other than a plain scalar, or that we do not read ourselves;
 * `-`, `?` and `:` start a plain scalar when a non-space follows (`-x`, `?a`).
 */
const INDICATOR = /^(?:[,[\]{}#&*!|>'"%@`~\s]|[-?:](?:\s|$))/;
/**
 * Whether `text` holds a character we leave to yaml: a C0/C1 control but the line feed (tab
 * included), a BOM or other non-character, a line or paragraph separator, a lone surrogate.
 * A loop, as a regular expression with these classes and look-arounds was a tenth of the parse.
 */
function hasUnsafeChar(text: string): boolean {
  // Most frontmatter is printable ASCII and line feeds: one quick scan finds the first other
  // character, and the careful loop starts there.
  const first = text.search(NOT_PRINTABLE_ASCII);
  if (first === -1) return false;
  for (let i = first; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (code !== 0x0a) return true;
    } else if (code >= 0x7f && code <= 0x9f) return true;
    else if (code >= 0x2028) {
      if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) return true;
      if (code >= 0xd800 && code <= 0xdfff) {
        // A high surrogate must be followed by a low one, which is then skipped.
        const next = text.charCodeAt(i + 1);
        if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return true;
        i += 1;
      }
    }
  }
  return false;
}
const NOT_PRINTABLE_ASCII = /[^\n\x20-\x7e]/;
const WEEKS = /^\[(?:(?:0|[1-9][0-9]{0,8})(?:, ?(?:0|[1-9][0-9]{0,8}))*)?\]$/;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t' };

/** One scalar or flow list written after `key: ` or `- `; null when it is not in the subset. */
function scalar(text: string, allowFlowList: boolean): string | number[] | null {
  if (text === '' || text.endsWith(' ')) return null;
  const first = text[0];
  if (first === "'") return singleQuoted(text);
  if (first === '"') return doubleQuoted(text);
  if (first === '[') {
    if (!allowFlowList || !WEEKS.test(text)) return null;
    return text === '[]' ? [] : text.slice(1, -1).split(',').map(Number);
  }
  if (INDICATOR.test(text)) return null;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return null;
  // None of them holds a space, and most values do: skip the eight tests for those.
  if (!text.includes(' ') && NOT_TEXT.some((test) => test.test(text))) return null;
  return text;
}

function singleQuoted(text: string): string | null {
  if (text.length < 2 || !text.endsWith("'")) return null;
  const inner = text.slice(1, -1);
  // Inside, a quote is written twice; a single one would end the scalar early.
  if (inner.replaceAll("''", '').includes("'")) return null;
  return inner.replaceAll("''", "'");
}

function doubleQuoted(text: string): string | null {
  if (text.length < 2 || !text.endsWith('"')) return null;
  const inner = text.slice(1, -1);
  if (!inner.includes('\\')) return inner.includes('"') ? null : inner;
  let out = '';
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner[i];
    if (char === '"') return null;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escaped = ESCAPES[inner[i + 1]];
    if (escaped === undefined) return null;
    out += escaped;
    i += 1;
  }
  return out;
}

/** Splits `key: rest` or `key:` at `indent`; null when the line is not a simple key. */
function keyLine(line: string, indent: number): { key: string; rest: string | null } | null {
  const colon = line.indexOf(':', indent);
  if (colon < 0) return null;
  const key = line.slice(indent, colon);
  if (!knownGoodKey(key)) return null;
  if (colon === line.length - 1) return { key, rest: null };
  if (line[colon + 1] !== ' ') return null;
  return { key, rest: line.slice(colon + 2) };
}

/** Keys already found acceptable: every story repeats the same few, so their tests run once. */
const GOOD_KEYS = new Set<string>();

function knownGoodKey(key: string): boolean {
  if (GOOD_KEYS.has(key)) return true;
  if (!KEY.test(key) || RESERVED_KEY.test(key)) return false;
  if (GOOD_KEYS.size < 1000) GOOD_KEYS.add(key);
  return true;
}

function indentOf(line: string): number {
  let i = 0;
  while (line[i] === ' ') i += 1;
  return i;
}

/**
 * Reads `lines[from…]` as a block mapping whose keys stand at `indent` (0, or 2 for one nested
 * mapping). Returns the mapping and the first line after it, or null.
 */
function mapping(lines: string[], from: number, indent: number): { value: Value; next: number } | null {
  const out: { [key: string]: Value } = {};
  let i = from;
  while (i < lines.length && indentOf(lines[i]) === indent) {
    const parsed = keyLine(lines[i], indent);
    if (!parsed || Object.hasOwn(out, parsed.key)) return null;
    i += 1;
    if (parsed.rest !== null) {
      const value = scalar(parsed.rest, true);
      if (value === null) return null;
      out[parsed.key] = value;
      continue;
    }
    // `key:` alone: a block list (at this indent or two deeper) or, at the top, one nested mapping.
    const next = lines[i];
    if (next === undefined) return null;
    const nextIndent = indentOf(next);
    if ((nextIndent === indent || nextIndent === indent + 2) && next.startsWith('- ', nextIndent)) {
      const items: string[] = [];
      const prefix = `${' '.repeat(nextIndent)}- `;
      while (i < lines.length && lines[i].startsWith(prefix)) {
        const item = scalar(lines[i].slice(prefix.length), false);
        if (typeof item !== 'string') return null;
        items.push(item);
        i += 1;
      }
      out[parsed.key] = items;
    } else if (indent === 0 && nextIndent === 2) {
      const nested = mapping(lines, i, 2);
      if (!nested) return null;
      out[parsed.key] = nested.value;
      i = nested.next;
    } else return null;
  }
  return { value: out, next: i };
}

/**
 * The frontmatter (the text between the fences, without CRs before line feeds) as a plain object,
 * or null when it is not in the plain subset and must go to the full YAML parser.
 */
export function readPlainFrontmatter(yaml: string): Record<string, unknown> | null {
  if (hasUnsafeChar(yaml)) return null;
  const lines = yaml.split('\n');
  const top = mapping(lines, 0, 0);
  // Every line must have been read: a line at another indent, or a blank one, ends the mapping early.
  if (!top || top.next !== lines.length) return null;
  return top.value as Record<string, unknown>;
}
