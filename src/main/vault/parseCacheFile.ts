import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParseOutcome } from '../../core/frontmatter/parseStoryFile';
import { userCacheDir } from '../appPaths';
import { atomicWriteFile } from '../fs/atomicWrite';
import { contentHash } from './hash';
import { keepOutcome, keptOutcome } from './parsedStories';

/** A cache file larger than this is neither read nor written (a vault of some 20,000 stories). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The code that parses, as built: the file this module was bundled into, whose text names the
 * hashed chunks it imports, so any change to the parser makes another key. Null when it cannot
 * be read; there is then no cache file at all.
 */
let buildKey: string | null | undefined;
function currentBuildKey(): string | null {
  if (buildKey === undefined) {
    try {
      buildKey = contentHash(readFileSync(fileURLToPath(import.meta.url)));
    } catch {
      buildKey = null;
    }
  }
  return buildKey;
}

/**
 * The hashes each cache file held when this process last read or wrote it. Its outcomes are in
 * memory since (parsedStories.ts), so a vault read again in this process does not read it again.
 */
const known = new Map<string, Set<string>>();

function isOutcome(value: unknown): value is ParseOutcome {
  if (typeof value !== 'object' || value === null) return false;
  const outcome = value as { ok?: unknown; story?: { id?: unknown; sections?: unknown }; message?: unknown };
  if (outcome.ok === true) return typeof outcome.story?.id === 'string' && typeof outcome.story.sections === 'object';
  return outcome.ok === false && typeof outcome.message === 'string';
}

/**
 * What `yaml` made of a vault's files, kept between runs by the sha-256 of each file's bytes.
 * Parsing 1,000 story files in a new process takes about half a second here (the parser is not
 * compiled to machine code yet); reading them and this file back, about 70 ms. So the app's start
 * and `story-bank check` do not parse again what has not changed.
 *
 * One file per vault folder, holding that vault's outcomes only, in the user's cache folder and
 * never in the vault: `check` leaves the vault as it found it, and a cloned vault cannot bring
 * outcomes of its own. It is tied to the build that wrote it: another build parses afresh.
 * Anything wrong with it (missing, not JSON, another build, an entry of the wrong shape) is
 * parsing as if it were not there, and a file that cannot be written is not kept.
 */
export class ParseCacheFile {
  private constructor(
    private readonly path: string | null,
    private readonly build: string | null,
    /** The hashes the file held when it was read. */
    private readonly loaded: Set<string>,
  ) {}

  /** Reads the cache file of the vault at `root`, its outcomes kept for parseStoryFileCached. */
  static async open(root: string, env: NodeJS.ProcessEnv = process.env): Promise<ParseCacheFile> {
    const build = currentBuildKey();
    const path = join(userCacheDir(env), `parsed-${contentHash(root).slice(0, 24)}.json`);
    if (build === null) return new ParseCacheFile(null, null, new Set());
    const seen = known.get(path);
    if (seen) return new ParseCacheFile(path, build, seen);
    const loaded = new Set<string>();
    known.set(path, loaded);
    const text = await readFile(path, 'utf8').catch(() => '');
    if (!text || text.length > MAX_FILE_BYTES) return new ParseCacheFile(path, build, loaded);
    let kept: { build?: unknown; outcomes?: unknown };
    try {
      kept = JSON.parse(text) as typeof kept;
    } catch {
      return new ParseCacheFile(path, build, loaded);
    }
    if (kept?.build !== build || typeof kept.outcomes !== 'object' || kept.outcomes === null)
      return new ParseCacheFile(path, build, loaded);
    const entries = Object.entries(kept.outcomes as Record<string, unknown>);
    const charsEach = Math.ceil(text.length / Math.max(1, entries.length));
    for (const [hash, outcome] of entries) {
      if (!/^[0-9a-f]{64}$/.test(hash) || !isOutcome(outcome)) continue;
      keepOutcome(hash, outcome, charsEach);
      loaded.add(hash);
    }
    return new ParseCacheFile(path, build, loaded);
  }

  /** Writes the outcomes of the files under `hashes` (the vault as just read), unless that is what the file holds. */
  async save(hashes: ReadonlySet<string>): Promise<void> {
    if (this.path === null) return;
    if (hashes.size === this.loaded.size && [...hashes].every((hash) => this.loaded.has(hash))) return;
    const outcomes: Record<string, ParseOutcome> = {};
    for (const hash of hashes) {
      const outcome = keptOutcome(hash);
      if (outcome) outcomes[hash] = outcome;
    }
    const text = JSON.stringify({ build: this.build, outcomes });
    if (text.length > MAX_FILE_BYTES) return;
    try {
      await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
      // Not flushed: a cache lost to a power cut is parsed again.
      await atomicWriteFile(this.path, text, undefined, { durable: false });
      known.set(this.path, new Set(Object.keys(outcomes)));
    } catch {
      // Not kept: the next run parses again, and tries again.
    }
  }
}
