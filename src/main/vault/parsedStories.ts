import { deepFreeze } from '../../core/deepFreeze';
import { parseStoryFile, type ParseOutcome } from '../../core/frontmatter/parseStoryFile';

/** At most this many outcomes are kept, and at most this many characters of the texts they came from. */
const MAX_ENTRIES = 20_000;
const MAX_CHARS = 64 * 1024 * 1024;

/**
 * What parseStoryFile made of each text lately, by the sha-256 of its bytes (the record's hash),
 * so a file read again unchanged is not parsed again: reloading a vault, the re-read after the
 * watcher falls back to polling, the same text saved and then seen by the watcher. Parsing with
 * `yaml` costs several times more than reading the file; looking up the hash costs nothing, as
 * the vault hashes every file anyway. Shared by every vault in the process: the outcome depends on
 * the text alone. Oldest first out.
 */
const outcomes = new Map<string, { outcome: ParseOutcome; chars: number }>();
let chars = 0;

/**
 * parseStoryFile(text), where `hash` is contentHash of the bytes `text` was decoded from. Frozen,
 * all the way down, and shared by every caller that reads the same bytes: no caller can change
 * what the next one gets (one that tries throws), and none pays for a copy. Code that edits a
 * story edits a copy (storyFields.ts, conflictFields.ts).
 */
export function parseStoryFileCached(text: string, hash: string): ParseOutcome {
  const kept = outcomes.get(hash);
  if (kept) {
    // Last out again.
    outcomes.delete(hash);
    outcomes.set(hash, kept);
    return kept.outcome;
  }
  const outcome = deepFreeze(parseStoryFile(text));
  if (text.length <= MAX_CHARS) keepOutcome(hash, outcome, text.length);
  return outcome;
}

/** Keeps `outcome` (frozen here) as what the text under `hash` parses to (one kept from an earlier run: parseCacheFile.ts). */
export function keepOutcome(hash: string, outcome: ParseOutcome, textChars: number): void {
  if (outcomes.has(hash)) return;
  outcomes.set(hash, { outcome: deepFreeze(outcome), chars: textChars });
  chars += textChars;
  for (const [oldest, entry] of outcomes) {
    if (outcomes.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    outcomes.delete(oldest);
    chars -= entry.chars;
  }
}

/** The outcome kept for `hash`, to be written down. */
export function keptOutcome(hash: string): ParseOutcome | undefined {
  return outcomes.get(hash)?.outcome;
}
