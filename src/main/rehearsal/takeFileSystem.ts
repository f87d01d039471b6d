import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The file operations a recording in progress needs, behind one seam so tests can make the disk
 * fail (ENOSPC, EIO) at a chosen chunk. The real one is `nodeTakeFileSystem`.
 */
export interface TakeFileSystem {
  /** Creates `path` for appending; fails if it exists or is a symbolic link. */
  create(path: string): Promise<RecordingFile>;
}

export interface RecordingFile {
  /** Writes all of `bytes` at `position`. */
  write(bytes: Uint8Array, position: number): Promise<void>;
  /** Flushes written data to the disk (fdatasync). */
  sync(): Promise<void>;
  /** Cuts the file back to `length` bytes (after a failed write, to the last whole chunk). */
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** O_NOFOLLOW where the platform has it (not on Windows, where symbolic links need privileges). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export const nodeTakeFileSystem: TakeFileSystem = {
  async create(path) {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o644);
    return recordingFile(handle);
  },
};

function recordingFile(handle: FileHandle): RecordingFile {
  return {
    async write(bytes, position) {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
        if (bytesWritten === 0) throw Object.assign(new Error('the disk accepted no more bytes'), { code: 'ENOSPC' });
        done += bytesWritten;
      }
    },
    sync: () => handle.datasync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  };
}
