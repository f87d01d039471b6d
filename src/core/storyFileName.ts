const MAX_SLUG_LENGTH = 60;
/** Names Windows refuses whatever the extension; avoided so a vault can move between machines. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * `é` -> `e`: the letters of NFKD, less the combining marks. ASCII, which NFKD leaves as it is,
 * is not normalised at all: the first `normalize` in a process loads ICU's normalisation data,
 * about 150 ms of the host's start-up here, where the export status names every story's file.
 */
function withoutAccents(text: string): string {
  return !NOT_ASCII.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * A file name for a story, made from its title: lower-case ASCII words joined by hyphens, no path
 * separators, no dots, never hidden or reserved, bounded in length, and unique among `taken`.
 */
export function storyFileName(title: string, taken: ReadonlySet<string>): string {
  let slug = withoutAccents(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  if (!slug || RESERVED.test(slug)) slug = `story${slug ? `-${slug}` : ''}`;
  let name = `${slug}.md`;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${slug}-${n}.md`;
  return name;
}
