import { MEDIA_PATH_PREFIX, TAKE_FILE_PATTERN } from '../../core/rehearsal/take';
import { STORY_ID_PATTERN } from '../../core/story';

/**
 * The decisions behind serving recordings, as pure functions shared by the browser host and
 * Electron's protocol handler: which file a request names, and which bytes of it to send.
 */
export interface MediaTarget {
  storyId: string;
  /** `<stem>.webm` */
  file: string;
}

/**
 * `/media/<story-id>/<stem>.webm` → its story and file; anything else → null. The path is taken
 * as sent (still percent-encoded) and must match exactly: no encoding, no `..`, no backslash, no
 * NUL, no extra segment, no sidecar or other file type. Both parts match patterns that admit only
 * `a-z 0-9 - T Z .`, so a name that passes cannot leave `rehearsals/<story-id>/`.
 */
export function mediaTarget(rawPath: string): MediaTarget | null {
  if (typeof rawPath !== 'string' || rawPath.length > 200 || !rawPath.startsWith(MEDIA_PATH_PREFIX)) return null;
  const parts = rawPath.slice(MEDIA_PATH_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  const [storyId, file] = parts;
  if (!STORY_ID_PATTERN.test(storyId)) return null;
  const match = TAKE_FILE_PATTERN.exec(file);
  if (!match || match[2] !== 'webm') return null;
  return { storyId, file };
}

export type ByteRange = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * A `Range` header against a file of `size` bytes (RFC 9110 §14): one range of bytes —
 * `a-b`, `a-` or `-n` — is served as a part; several ranges, another unit or a malformed header
 * are ignored (the whole file is sent); a range starting past the end cannot be satisfied.
 */
export function byteRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'whole' };
  return { kind: 'part', start, end };
}

/** What `lstat` found at a path: a link is never followed, so it is its own kind. */
export type EntryKind = 'missing' | 'link' | 'folder' | 'file' | 'other';

/** What the media route learns about the path a request names, before opening anything. */
export interface MediaPathFacts {
  /** `<vault>/rehearsals` */
  rehearsals: EntryKind;
  /** `<vault>/rehearsals/<story-id>` */
  folder: EntryKind;
  /** The folder's resolved path (null when it cannot be resolved) and where it must be. */
  folderRealPath: string | null;
  expectedFolder: string;
  /** `<vault>/rehearsals/<story-id>/<stem>.webm` */
  file: EntryKind;
}

/**
 * Whether a recording may be served: both folders real (not links) and resolving exactly where they
 * should, and the file itself a regular file, not a link to one. Anything else is refused.
 */
export function mediaFileVerdict(facts: MediaPathFacts): 'serve' | string {
  if (facts.rehearsals !== 'folder') return `rehearsals/ is ${describe(facts.rehearsals, 'folder')}`;
  if (facts.folder !== 'folder') return `the story's folder is ${describe(facts.folder, 'folder')}`;
  if (facts.folderRealPath !== facts.expectedFolder) return "the story's folder resolves outside rehearsals/";
  if (facts.file !== 'file') return `the recording is ${describe(facts.file, 'file')}`;
  return 'serve';
}

function describe(kind: EntryKind, wanted: 'folder' | 'file'): string {
  return kind === 'missing' ? 'missing' : kind === 'link' ? 'a symbolic link' : `not a ${wanted}`;
}

/** The content type of a take's recording (audio-only webm plays in a <video> element too). */
export const MEDIA_CONTENT_TYPE = 'video/webm';
