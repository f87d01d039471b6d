import type { Tradeoff } from '../story';
import { tradeoffSentence } from '../tradeoffSentence';

export interface TradeoffReading {
  tradeoff: Tradeoff;
  /** True when the fields read back as exactly the text (the sentence Story Bank writes). */
  exact: boolean;
}

const EMPTY: Tradeoff = { chosen: '', alternatives: [], because: '', accepting: '' };
const SENTENCE =
  /^(?:I evaluated (?<alternatives>.+?)(?:, |\.$))?(?:(?:I )?chose (?<chosen>.+?)(?: because (?<because>.+?))?(?:, |\.$))?(?:accepting that (?<accepting>.+?)\.)?$/s;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** "A", "A and B", "A, B and C" → the list (the inverse of how tradeoffSentence joins it). */
function splitList(text: string): string[] {
  const last = text.lastIndexOf(' and ');
  if (last < 0) return [text];
  return [...text.slice(0, last).split(', '), text.slice(last + 5)];
}

/**
 * The tradeoff fields in a sentence. Story Bank's own sentence ("I evaluated A and B, chose C
 * because D, accepting that E.") is read back exactly; anything else people write ("Chose Raft
 * over Paxos — sacrificed flexibility …") is read by its cue words, as a best guess.
 */
export function tradeoffFromText(text: string): TradeoffReading {
  const wanted = squash(text);
  if (!wanted) return { tradeoff: { ...EMPTY }, exact: true };
  const own = SENTENCE.exec(wanted)?.groups;
  if (own) {
    const tradeoff: Tradeoff = {
      chosen: own.chosen ?? '',
      alternatives: own.alternatives ? splitList(own.alternatives) : [],
      because: own.because ?? '',
      accepting: own.accepting ?? '',
    };
    if (tradeoffSentence(tradeoff) === wanted) return { tradeoff, exact: true };
  }
  return { tradeoff: guess(wanted), exact: false };
}

const CLAUSE_END = String.raw`(?=\s+because\b|\s*[;:—–]|\s-\s|,\s*(?:accept|sacrific|giv|at the cost|because|since|which)|\.(?:\s|$)|$)`;
const CHOSEN = new RegExp(
  String.raw`\b(?:chose|choose|picked|selected|went with|opted for|settled on|decided on)\s+(.+?)(?=\s+(?:over|instead of|rather than|versus|vs\.?)\s)|\b(?:chose|choose|picked|selected|went with|opted for|settled on|decided on)\s+(.+?)${CLAUSE_END}`,
  'i',
);
const ALTERNATIVES = new RegExp(
  String.raw`\b(?:over|instead of|rather than|versus|vs\.?|evaluated|considered|compared|weighed)\s+(.+?)${CLAUSE_END}`,
  'i',
);
const BECAUSE = /\b(?:because|since)\s+(.+?)(?=[,;]\s*(?:accept|sacrific|at the cost|giv)|\s*[—–]|\.(?:\s|$)|$)/i;
const ACCEPTING =
  /\b(?:accept(?:ed|ing)?(?:\s+that)?|sacrific(?:ed|ing)|at the cost of|giving up|gave up|trading away|traded away)\s+(.+?)(?:\.(?:\s|$)|$)/gi;
/** "sacrificed X for Y": X is what was accepted, Y why. */
const SACRIFICED_FOR =
  /\b(?:sacrific(?:ed|ing)|gave up|giving up|traded away|trading away)\s+(.+?)\s+for\s+(.+?)(?:\.(?:\s|$)|$)/i;

function guess(text: string): Tradeoff {
  const chosen = CHOSEN.exec(text);
  const alternatives = ALTERNATIVES.exec(text)?.[1];
  const sacrificed = SACRIFICED_FOR.exec(text);
  // Each sentence that accepts something adds to what was accepted ("… Accepted that Z.").
  const accepted = [...text.matchAll(ACCEPTING)].map((match) =>
    sacrificed && match.index === sacrificed.index ? sacrificed[1] : match[1],
  );
  return {
    chosen: (chosen?.[1] ?? chosen?.[2] ?? '').trim(),
    alternatives: alternatives
      ? alternatives
          .split(/,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/)
          .map((item) => item.trim())
          .filter(Boolean)
      : [],
    because: (BECAUSE.exec(text)?.[1] ?? sacrificed?.[2] ?? '').trim(),
    accepting: accepted
      .map((part) => part.trim())
      .filter(Boolean)
      .join('; '),
  };
}
