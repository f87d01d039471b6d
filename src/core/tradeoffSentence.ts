import type { Tradeoff } from './story';

function list(items: string[]): string {
  const clean = items.map((item) => item.trim()).filter(Boolean);
  if (clean.length <= 1) return clean.join('');
  return `${clean.slice(0, -1).join(', ')} and ${clean[clean.length - 1]}`;
}

/** The tradeoff as the assignment asks it to be said: "I evaluated A and B, chose C because D, accepting that E." */
export function tradeoffSentence(tradeoff: Tradeoff): string {
  const parts: string[] = [];
  const alternatives = list(tradeoff.alternatives);
  if (alternatives) parts.push(`I evaluated ${alternatives}`);
  if (tradeoff.chosen.trim())
    parts.push(
      `${parts.length ? 'chose' : 'I chose'} ${tradeoff.chosen.trim()}${tradeoff.because.trim() ? ` because ${tradeoff.because.trim()}` : ''}`,
    );
  if (tradeoff.accepting.trim()) parts.push(`accepting that ${tradeoff.accepting.trim()}`);
  return parts.length ? `${parts.join(', ')}.` : '';
}
