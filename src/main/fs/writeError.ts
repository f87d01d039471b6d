/** What went wrong with a write, in words a user can act on, with the system's code for support. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an input/output error',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied (the file or its folder is read-only, or belongs to another user)',
  EPERM: 'the operation is not permitted (the file or its folder is locked or read-only)',
  EISDIR: 'a folder is in the way where the file should be',
  ENOTDIR: 'a file is in the way where a folder should be',
  ELOOP: 'a symbolic link is in the way (links are not followed)',
  ENOENT: 'its folder no longer exists',
};

export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = code ? REASONS[code] : undefined;
  if (reason) return `${reason} (${code})`;
  return `${code ? `${code}: ` : ''}${(error as Error)?.message ?? String(error)}`;
}
