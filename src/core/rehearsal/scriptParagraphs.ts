import { Lexer, type Token, type Tokens } from 'marked';

/**
 * A section's markdown as the teleprompter shows it: paragraphs of plain words, read by marked's
 * lexer (the parser the preview renders with), so what is spoken is what the preview shows —
 * emphasis, links and code lose their marks, an image reads as its alt text, a backslash escape
 * (`\## Result`) reads as the character it protects. Block structure becomes paragraphs: each
 * paragraph, heading, list item, quote paragraph, table row and code line is one; soft line breaks
 * inside a paragraph do not start a new one, as in the preview. HTML tags are dropped, their text kept.
 */
export function scriptParagraphs(markdown: string): string[][] {
  const paragraphs: string[][] = [];
  const push = (text: string): void => {
    const words = decodeEntities(text).split(/\s+/).filter(Boolean);
    if (words.length > 0) paragraphs.push(words);
  };
  walkBlocks(Lexer.lex(markdown, { gfm: true }), push);
  return paragraphs;
}

function walkBlocks(tokens: Token[], push: (text: string) => void): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
      case 'heading':
        push(inlineText((token as Tokens.Paragraph | Tokens.Heading).tokens));
        break;
      case 'text':
        // A tight list item's text: inline tokens of its own, or plain text.
        push('tokens' in token && token.tokens ? inlineText(token.tokens) : token.text);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) walkBlocks(item.tokens, push);
        break;
      case 'blockquote':
        walkBlocks((token as Tokens.Blockquote).tokens, push);
        break;
      case 'code':
        for (const line of (token as Tokens.Code).text.split('\n')) push(line);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) push(row.map((cell) => inlineText(cell.tokens)).join(' '));
        break;
      }
      case 'html':
        push(withoutTags((token as Tokens.HTML).text));
        break;
      default:
        // space, hr, def (link definitions) and anything unknown carry no words to read.
        break;
    }
  }
}

function inlineText(tokens: Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'html':
        break;
      case 'br':
        text += ' ';
        break;
      case 'image':
        text += (token as Tokens.Image).text;
        break;
      case 'escape':
      case 'codespan':
        text += token.text;
        break;
      default:
        // text, strong, em, del, link: their children when they have them, else their text.
        text += 'tokens' in token && token.tokens ? inlineText(token.tokens) : (token as Tokens.Text).text;
    }
  }
  return text;
}

function withoutTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markdown keeps entities as written (`&amp;`); the preview shows the character, and so does this. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
