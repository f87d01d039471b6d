const MAX_SLUG_LENGTH = 60;
/** Names Windows refuses whatever the extension; avoided so a vault can move between machines. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * Letters NFKD leaves whole because they are letters of their own, not a base letter plus a mark:
 * spelled the way they are usually written in ASCII, so "Ørsted" names `orsted.md`, not `rsted.md`.
 */
// prettier-ignore
export const LETTERS_IN_ASCII: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ħ: 'h', Ħ: 'h', ı: 'i', ŋ: 'ng', Ŋ: 'ng',
  ŧ: 't', Ŧ: 't', ĸ: 'k', ƒ: 'f', ɖ: 'd', Ɖ: 'd', ƀ: 'b', Ƀ: 'b', ɨ: 'i', Ɨ: 'i', ʉ: 'u', Ʉ: 'u',
};
const LETTER = new RegExp(`[${Object.keys(LETTERS_IN_ASCII).join('')}]`, 'g');

/**
 * `é` -> `e`, `ß` -> `ss`: the letters of NFKD less the combining marks, then the letters NFKD
 * cannot split spelled out. ASCII, which NFKD leaves as it is, is not normalised at all: the first
 * `normalize` in a process loads ICU's normalisation data, about 150 ms of the host's start-up here,
 * where the export status names every story's file.
 */
function inAsciiLetters(text: string): string {
  if (!NOT_ASCII.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(LETTER, (letter) => LETTERS_IN_ASCII[letter] ?? letter);
}

/**
 * A file name for a story, made from its title: lower-case ASCII words joined by hyphens, no path
 * separators, no dots, never hidden or reserved, bounded in length, and unique among `taken`.
 */
export function storyFileName(title: string, taken: ReadonlySet<string>): string {
  let slug = inAsciiLetters(title)
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
