const MAX_SLUG_LENGTH = 60;
/** Names Windows refuses whatever the extension; avoided so a vault can move between machines. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name for a story, made from its title: lower-case ASCII words joined by hyphens, no path
 * separators, no dots, never hidden or reserved, bounded in length, and unique among `taken`.
 */
export function storyFileName(title: string, taken: ReadonlySet<string>): string {
  let slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
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
