import type { GitState } from './api';

/** The command that gives git an identity, for the hint when commits go in as the fallback. */
export const IDENTITY_FIX =
  'git config --global user.name "Your Name" && git config --global user.email you@example.com';

/**
 * The header's git tooltip: what git can do, the files it shows as changed, and who commits
 * (saying so when that is Story Bank's fallback because git has no identity).
 */
export function gitStatusTooltip(state: GitState): string {
  const lines = [state.kind === 'ok' ? state.message : `${state.message}. ${state.fix}`];
  const uncommitted = state.uncommitted ?? [];
  if (uncommitted.length) {
    const shown = uncommitted.slice(0, 10).join(', ');
    const more = uncommitted.length > 10 ? ` and ${uncommitted.length - 10} more` : '';
    lines.push(`Not committed: ${shown}${more}`);
  }
  const who = state.identity;
  if (who?.fallback) lines.push(`Committing as ${who.name} (no git identity set — run ${IDENTITY_FIX})`);
  else if (who) lines.push(`Committing as ${who.name} <${who.email}>`);
  return lines.join('\n');
}
