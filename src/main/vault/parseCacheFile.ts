import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParseOutcome } from '../../core/frontmatter/parseStoryFile';
import { userCacheDir } from '../appPaths';
import { atomicWriteFile } from '../fs/atomicWrite';
import { rememberEarlierReads, rememberedGeneration, settledFile, type KeptFile } from './fileStamps';
import { contentHash } from './hash';
import { keepOutcome, keptOutcome } from './parsedStories';

/** A cache file larger than this is neither read nor written (a vault of some 10,000 stories). */
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

/** What a cache file holds, as this process last read or wrote it. */
interface Held {
  /** The hashes of its outcomes. */
  hashes: Set<string>;
  /** Its files' stamps, by path in the vault. */
  stamps: Map<string, string>;
  /** fileStamps.ts's generation then: while it stands, the files are as they were. */
  generation: number;
}

/**
 * What each cache file held when this process last read or wrote it. Its outcomes and files are
 * in memory since (parsedStories.ts, fileStamps.ts), so a vault read again in this process does
 * not read it again.
 */
const known = new Map<string, Held>();

/** A file's entry: its path in the vault, its stamp, the hash of its bytes, and its text. */
type FileEntry = [string, string, string, string];

function isFileEntry(value: unknown): value is FileEntry {
  return Array.isArray(value) && value.length === 4 && value.every((part) => typeof part === 'string');
}

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
 * and `story-bank check` do not parse again what has not changed. With them, the files as last
 * read (their lstat stamps, hashes and texts, fileStamps.ts): a file still under its stamp is not
 * read again either, and the host's start leaves the CPU to the window's (about 180 ms of reads
 * through the thread pool for 1,000 files). Saves never rely on it: they read the file first.
 *
 * One file per vault folder, holding that vault's outcomes only, in the user's cache folder and
 * never in the vault: `check` leaves the vault as it found it, and a cloned vault cannot bring
 * outcomes of its own. It is tied to the build that wrote it: another build parses afresh.
 * Anything wrong with it (missing, not JSON, another build, an entry of the wrong shape) is
 * parsing as if it were not there, and a file that cannot be written is not kept.
 */
export class ParseCacheFile {
  private constructor(
    private readonly root: string,
    private readonly path: string | null,
    private readonly build: string | null,
    /** What the file held when it was read. */
    private readonly held: Held,
  ) {}

  /** Reads the cache file of the vault at `root`: its outcomes for parseStoryFileCached, its files for lookAtFile. */
  static async open(root: string, env: NodeJS.ProcessEnv = process.env): Promise<ParseCacheFile> {
    const build = currentBuildKey();
    const path = join(userCacheDir(env), `parsed-${contentHash(root).slice(0, 24)}.json`);
    const none = (): Held => ({ hashes: new Set(), stamps: new Map(), generation: -1 });
    if (build === null) return new ParseCacheFile(root, null, null, none());
    const seen = known.get(path);
    if (seen) return new ParseCacheFile(root, path, build, seen);
    const held = none();
    known.set(path, held);
    const opened = new ParseCacheFile(root, path, build, held);
    const text = await readFile(path, 'utf8').catch(() => '');
    if (!text || text.length > MAX_FILE_BYTES) return opened;
    let kept: { build?: unknown; outcomes?: unknown; files?: unknown };
    try {
      kept = JSON.parse(text) as typeof kept;
    } catch {
      return opened;
    }
    if (kept?.build !== build || typeof kept.outcomes !== 'object' || kept.outcomes === null) return opened;
    const entries = Object.entries(kept.outcomes as Record<string, unknown>);
    const charsEach = Math.ceil(text.length / Math.max(1, entries.length));
    for (const [hash, outcome] of entries) {
      if (!/^[0-9a-f]{64}$/.test(hash) || !isOutcome(outcome)) continue;
      keepOutcome(hash, outcome, charsEach);
      held.hashes.add(hash);
    }
    const files: KeptFile[] = [];
    const named = new Map<string, string>();
    for (const entry of Array.isArray(kept.files) ? kept.files : []) {
      if (!isFileEntry(entry)) continue;
      const [file, stamp, hash, fileText] = entry;
      const absolute = normalize(join(root, file));
      // Only a file inside the vault, named as the vault names it.
      if (isAbsolute(file) || !absolute.startsWith(join(root, 'stories') + sep) || !held.hashes.has(hash)) continue;
      files.push({ path: absolute, stamp, hash, text: fileText });
      named.set(absolute, file);
    }
    // Only what was taken counts as held: a damaged entry is written again, as read from disk.
    for (const file of rememberEarlierReads(files)) held.stamps.set(named.get(file.path) as string, file.stamp);
    held.generation = rememberedGeneration();
    return opened;
  }

  /**
   * Writes the outcomes under `hashes` and the files of `read` this process read settled (the
   * vault as just read: paths in the vault), unless that is what the file holds.
   */
  async save(hashes: ReadonlySet<string>, read: readonly string[]): Promise<void> {
    if (this.path === null) return;
    const sameHashes = hashes.size === this.held.hashes.size && [...hashes].every((hash) => this.held.hashes.has(hash));
    // Nothing read since the file was read or written: its files are as they were (a warm reread).
    if (sameHashes && this.held.generation === rememberedGeneration()) return;
    const entries: FileEntry[] = [];
    for (const file of read) {
      const kept = settledFile(join(this.root, file));
      if (kept && hashes.has(kept.hash)) entries.push([file, kept.stamp, kept.hash, kept.text]);
    }
    const sameFiles =
      entries.length === this.held.stamps.size &&
      entries.every(([file, stamp]) => this.held.stamps.get(file) === stamp);
    if (sameHashes && sameFiles) {
      this.held.generation = rememberedGeneration();
      return;
    }
    const outcomes: Record<string, ParseOutcome> = {};
    for (const hash of hashes) {
      const outcome = keptOutcome(hash);
      if (outcome) outcomes[hash] = outcome;
    }
    const files = entries.filter(([, , hash]) => outcomes[hash]);
    const text = JSON.stringify({ build: this.build, outcomes, files });
    if (text.length > MAX_FILE_BYTES) return;
    try {
      await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
      // Not flushed: a cache lost to a power cut is parsed again.
      await atomicWriteFile(this.path, text, undefined, { durable: false });
      known.set(this.path, {
        hashes: new Set(Object.keys(outcomes)),
        stamps: new Map(files.map(([f, st]) => [f, st])),
        generation: rememberedGeneration(),
      });
    } catch {
      // Not kept: the next run parses again, and tries again.
    }
  }
}
