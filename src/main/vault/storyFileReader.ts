import { join } from 'node:path';
import type { FileProblem, StoryRecord } from '../../core/story';
import { lookAtFile, type FileLook } from './fileStamps';
import { contentHash } from './hash';
import { parseStoryFileCached } from './parsedStories';
import type { RecentVersions } from './recentVersions';
import { storyFileBytes } from './storyFileBytes';

/** A story file larger than this is surely not a story; it is listed, not parsed. */
export const MAX_STORY_BYTES = 1024 * 1024;
/**
 * Story files read at once when loading: enough to keep libuv's thread pool busy, few enough that
 * a vault of thousands never runs out of file handles.
 */
const READS_AT_ONCE = 16;

/** What one story file holds: a story, a problem with its line, or nothing (it is gone). */
export type ReadOutcome =
  { kind: 'story'; record: StoryRecord } | { kind: 'problem'; problem: FileProblem } | { kind: 'gone' };

/**
 * Reads a vault's story files into outcomes: parsed, or listed as problems with the reason
 * (storyFileBytes.ts), never left out. Every text read is remembered in `versions` (the bases of
 * merges); `hashes` collects the hash of each file whose parse was made or kept.
 */
export class StoryFileReader {
  constructor(
    private readonly root: string,
    private readonly versions: RecentVersions,
  ) {}

  /** `hash`: contentHash of what `text` was decoded from (the bytes as found, when read from disk). */
  outcomeOf(file: string, text: string, hash: string, hashes?: Set<string>): ReadOutcome {
    hashes?.add(hash);
    const parsed = parseStoryFileCached(text, hash);
    if (!parsed.ok) {
      const { line, field, message } = parsed;
      return { kind: 'problem', problem: { file, line, ...(field ? { field } : {}), message } };
    }
    this.versions.remember(hash, text);
    return { kind: 'story', record: { file, story: parsed.story, hash } };
  }

  /** One story file (a vault path). */
  async read(file: string, hashes?: Set<string>): Promise<ReadOutcome> {
    return this.readLooked(file, await lookAtFile(join(this.root, file)), hashes);
  }

  /**
   * Many story files, in the order given: all looked at at once (an lstat holds no file handle),
   * then what changed read a few at a time.
   */
  async readAll(files: string[], hashes: Set<string>): Promise<ReadOutcome[]> {
    const looks = await Promise.all(files.map((file) => lookAtFile(join(this.root, file))));
    const outcomes: ReadOutcome[] = new Array(files.length);
    const toRead: number[] = [];
    looks.forEach((look, index) => {
      if (look.kind === 'unchanged') outcomes[index] = this.outcomeOf(files[index], look.text, look.hash, hashes);
      else toRead.push(index);
    });
    let next = 0;
    const reader = async (): Promise<void> => {
      for (let at = next++; at < toRead.length; at = next++) {
        const index = toRead[at];
        outcomes[index] = await this.readLooked(files[index], looks[index], hashes);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, toRead.length) }, reader));
    return outcomes;
  }

  /** A file unchanged since this process last read it is not read again (fileStamps.ts). */
  private async readLooked(file: string, look: FileLook, hashes?: Set<string>): Promise<ReadOutcome> {
    if (look.kind === 'unchanged') return this.outcomeOf(file, look.text, look.hash, hashes);
    const found = await storyFileBytes(join(this.root, file), file, MAX_STORY_BYTES);
    if (found.kind === 'gone') return found;
    if (found.kind === 'refused') return { kind: 'problem', problem: { file, line: 1, message: found.message } };
    // Hash the bytes as found, so a file that is not valid UTF-8 is never taken for our own write.
    const hash = contentHash(found.bytes);
    const text = found.bytes.toString('utf8');
    look.remember(hash, text);
    return this.outcomeOf(file, text, hash, hashes);
  }
}
