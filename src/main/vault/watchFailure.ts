import type { WatchState } from '../../core/api';

/**
 * What the user is told when native watching fails: the system ran out of file handles (EMFILE)
 * or of inotify watches (ENOSPC), or something else. The vault then polls instead.
 */
export function watchFailureState(error: NodeJS.ErrnoException): WatchState {
  const fix =
    error.code === 'ENOSPC'
      ? 'Raise the inotify limit, e.g. `sudo sysctl fs.inotify.max_user_watches=524288`, then restart Story Bank.'
      : error.code === 'EMFILE'
        ? 'Close some programs or raise the open-file limit (`ulimit -n`), then restart Story Bank.'
        : 'Restart Story Bank; if this repeats, check the vault folder’s permissions.';
  return {
    mode: 'polling',
    message: `watching the vault failed (${error.code ?? 'error'}: ${error.message}); checking for outside edits every half second instead`,
    fix,
  };
}
