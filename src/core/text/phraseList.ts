/**
 * Key phrases travel through the deliverable as one table cell, "a, b, c". A phrase that holds a
 * comma, a semicolon or a double quote is written in double quotes (inner quotes doubled), so
 * that reading the cell back gives the same list.
 */
export function formatPhraseList(phrases: readonly string[]): string {
  return phrases
    .map((phrase) => phrase.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((phrase) => (/[,;"]/.test(phrase) ? `"${phrase.replace(/"/g, '""')}"` : phrase))
    .join(', ');
}

/** Reads a cell written by `formatPhraseList`, or by hand: commas or semicolons between phrases. */
export function splitPhraseList(cell: string): string[] {
  const phrases: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < cell.length; i += 1) {
    const char = cell[i];
    if (char === '"' && quoted && cell[i + 1] === '"') {
      current += '"';
      i += 1;
    } else if (char === '"' && (quoted || current.trim() === '')) {
      quoted = !quoted;
      if (quoted) current = '';
    } else if (!quoted && (char === ',' || char === ';')) {
      phrases.push(current);
      current = '';
    } else current += char;
  }
  phrases.push(current);
  return phrases.map((phrase) => phrase.replace(/[*_`“”]/g, '').trim()).filter(Boolean);
}

/** A question type as a map row gives it back: emphasis marks and extra spaces dropped. */
export function shownQuestionType(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/** Key phrases as a deliverable gives them back: through the map's cell, each phrase once. */
export function shownKeyPhrases(phrases: readonly string[]): string[] {
  return [...new Set(splitPhraseList(formatPhraseList(phrases)))];
}
