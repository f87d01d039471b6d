import { readFileNoFollow } from '../fs/noLinks';

/** What reading one story file found: its bytes, nothing (gone), or why it was not read. */
export type StoryBytes = { kind: 'bytes'; bytes: Buffer } | { kind: 'gone' } | { kind: 'refused'; message: string };

/**
 * Reads a story file that is not a symbolic link, nor anything but a regular file, nor over
 * `maxBytes` (readFileNoFollow: opened without following links, checked on the open file). A file
 * that went away since it was listed is gone; one that is there but cannot be read (no
 * permission, an I/O error) is refused with the reason, never silently left out. `shown` is the
 * vault path the messages name.
 */
export async function storyFileBytes(path: string, shown: string, maxBytes: number): Promise<StoryBytes> {
  try {
    const bytes = await readFileNoFollow(path, { maxBytes });
    return bytes === null ? { kind: 'gone' } : { kind: 'bytes', bytes };
  } catch (error) {
    const { code, size } = error as NodeJS.ErrnoException & { size?: number };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone' };
    return { kind: 'refused', message: refusal(code, size, shown) };
  }
}

function refusal(code: string | undefined, size: number | undefined, shown: string): string {
  if (code === 'ELOOP') return `${shown} is a symbolic link (not followed)`;
  if (code === 'EISDIR') return `${shown} is not a regular file`;
  if (code === 'EFBIG') return `the file is ${size} bytes; a story file is at most 1 MiB`;
  return `the file cannot be read: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error')}`;
}
