export function chooseDevMode(
  electron: { path: string } | { reason: string },
  argv: string[],
): { mode: 'electron'; args: string[] } | { mode: 'browser'; reason: string; args: string[] };
