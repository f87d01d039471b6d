import type { Sections } from '../story';

/** Sentences of a text, cut after ".", "!" or "?" followed by a space or the end. */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** A number a metric could quote: "40 s", "31 percent", "2,000 runs", "p95" (not a lone year). */
const NUMBER = /\d/;
const CHOICE =
  /\b(?:compared|chose|choose|picked|opted|instead of|rather than|over|evaluated|considered|weighed|trade-?off)\b/i;

/**
 * Suggestions for an imported story that names no metric or tradeoff: the Result's first
 * sentence with a number, and the Action's sentences that weigh options ("I compared…",
 * "chose … instead of …"). They are offered to the user to confirm, never filled in: a story
 * without its own Metric or Tradeoff line still fails those criteria until the user writes one.
 */
export function suggestFields(sections: Sections, has: { metric: boolean; tradeoff: boolean }): string[] {
  const notes: string[] = [];
  if (!has.metric) {
    const metric = sentences(sections.result).find((sentence) => NUMBER.test(sentence));
    if (metric) notes.push(`no Metric line; suggested from the Result, to confirm: "${metric}"`);
  }
  if (!has.tradeoff) {
    const tradeoff = sentences(sections.action).filter((sentence) => CHOICE.test(sentence));
    if (tradeoff.length) notes.push(`no Tradeoff line; suggested from the Action, to confirm: "${tradeoff.join(' ')}"`);
  }
  return notes;
}
