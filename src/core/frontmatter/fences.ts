/**
 * The one rule for where a story file's frontmatter starts and ends, used by the parser, the
 * patcher and the renderer, so what is read and what is rewritten are always the same bytes
 * (docs/story-format.md, "Fences"):
 *
 * - an optional byte-order mark, then an opening line `---`, optionally followed by a language
 *   (`---yaml`, `--- yaml`, `---YAML`; only YAML is accepted by the callers) and spaces or tabs;
 * - the closing line is the first later line that is three or more dashes (`---`, `----`) or
 *   `...`, with only spaces or tabs after. Nothing else closes it: `---x` or `--- # end` is YAML;
 * - the body starts on the line after the closing line.
 *
 * A top-level YAML mapping can never hold a line of only dashes or `...` at column 0, so the
 * closing line never cuts a valid frontmatter short.
 */

export const FENCE = '---';

export type FrontmatterSplit =
  | { kind: 'none' }
  | { kind: 'unclosed'; language: string }
  | {
      kind: 'found';
      /** `\uFEFF` or ''. */
      bom: string;
      /** What follows the dashes of the opening line, trimmed ('' or e.g. "yaml", "js"). */
      language: string;
      /** The text between the fences, with its line endings (empty, or ending in a line feed). */
      yaml: string;
      /** Offset in `text` where `yaml` starts (just after the opening line's line ending). */
      yamlStart: number;
      /** Offset in `text` where the closing line starts. */
      closingStart: number;
      /** Offset in `text` where the body starts (just after the closing line's line ending). */
      bodyStart: number;
      body: string;
    };

const OPENING = /^---([^\r\n]*)\r?\n/;
const CLOSING = /^(?:-{3,}|\.\.\.)[ \t]*$/;

/** Splits `text` at its frontmatter fences; the offsets are into `text` itself (BOM included). */
export function splitFrontmatter(text: string): FrontmatterSplit {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const opening = OPENING.exec(bom ? text.slice(1) : text);
  if (!opening) return { kind: 'none' };
  const yamlStart = bom.length + opening[0].length;
  for (let start = yamlStart; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // Only a line starting with "-" or "." can close; most lines are cut out of the text only then.
    const first = text[start];
    const line = first === '-' || first === '.' ? text.slice(start, text[end - 1] === '\r' ? end - 1 : end) : '';
    if (line && CLOSING.test(line)) {
      const bodyStart = Math.min(end + 1, text.length);
      return {
        kind: 'found',
        bom,
        language: opening[1].trim(),
        yaml: text.slice(yamlStart, start),
        yamlStart,
        closingStart: start,
        bodyStart,
        body: text.slice(bodyStart),
      };
    }
    start = end + 1;
  }
  return { kind: 'unclosed', language: opening[1].trim() };
}

/** A frontmatter block as the app writes it: `yaml` is empty or ends with `eol`. */
export function fenceFrontmatter(yaml: string, eol: string): string {
  return `${FENCE}${eol}${yaml}${FENCE}${eol}`;
}
