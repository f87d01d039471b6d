import { constants } from 'node:fs';
import { lstat, open, realpath, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { REHEARSALS_DIR } from '../vault/vaultLayout';
import { byteRange, MEDIA_CONTENT_TYPE, mediaFileVerdict, mediaTarget, type EntryKind } from './mediaRoute';

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** A host-neutral answer to a media request; the browser host and Electron turn it into theirs. */
export interface MediaReply {
  status: 200 | 206 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** The bytes to send (null for HEAD and for errors, which carry `text`). */
  body: Readable | null;
  text?: string;
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Accept-Ranges': 'bytes',
};

/**
 * Serves `/media/<story-id>/<stem>.webm` from the vault's `rehearsals/<story-id>/` and from
 * nowhere else: the path must match `mediaTarget`, what is on disk must pass `mediaFileVerdict`
 * (real folders resolving inside the vault, a regular file, no symbolic link anywhere), and the
 * file is opened without following a link and checked again once open. One byte range is
 * honoured, so a <video> can seek.
 */
export async function serveMedia(
  vaultRoot: string,
  rawPath: string,
  method: string,
  rangeHeader: string | null | undefined,
): Promise<MediaReply> {
  if (method !== 'GET' && method !== 'HEAD') return failure(405, 'method not allowed');
  const target = mediaTarget(rawPath);
  if (!target) return failure(404, 'not found');
  const root = await realpath(vaultRoot).catch(() => null);
  if (!root) return failure(404, 'not found');
  const rehearsals = join(root, REHEARSALS_DIR);
  const folder = join(rehearsals, target.storyId);
  const path = join(folder, target.file);
  const verdict = mediaFileVerdict({
    rehearsals: await entryKind(rehearsals),
    folder: await entryKind(folder),
    folderRealPath: await realpath(folder).catch(() => null),
    expectedFolder: folder,
    file: await entryKind(path),
  });
  if (verdict !== 'serve') return failure(404, 'not found');
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  } catch {
    return failure(404, 'not found');
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    return failure(404, 'not found');
  }
  const size = info.size;
  const range = byteRange(rangeHeader, size);
  if (range.kind === 'unsatisfiable') {
    await handle.close();
    const reply = failure(416, 'range not satisfiable');
    reply.headers['Content-Range'] = `bytes */${size}`;
    return reply;
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    'Content-Type': MEDIA_CONTENT_TYPE,
    'Content-Length': String(Math.max(0, end - start + 1)),
  };
  if (range.kind === 'part') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = range.kind === 'part' ? 206 : 200;
  if (method === 'HEAD' || size === 0) {
    await handle.close();
    return { status, headers, body: null };
  }
  return { status, headers, body: handle.createReadStream({ start, end, autoClose: true }) };
}

async function entryKind(path: string): Promise<EntryKind> {
  const info = await lstat(path).catch(() => null);
  if (!info) return 'missing';
  return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
}

function failure(status: MediaReply['status'], text: string): MediaReply {
  return {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: null,
    text: `${text}\n`,
  };
}
