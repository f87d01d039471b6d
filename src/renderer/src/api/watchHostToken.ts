import type { Transport } from './transport';

/** How often a disconnected page asks the host whether its token is still good. */
export const TOKEN_CHECK_MS = 2000;

/**
 * While the browser host's socket is down, asks the host now and then whether the page's access
 * token is still accepted. A host restarted without `STORY_BANK_TOKEN` has a new random token and
 * refuses the cookie this page holds, and a refused WebSocket handshake looks like any other
 * failure to the page; a plain request shows the 401. Reports true while the token is refused,
 * false otherwise (connected, or the host not there at all). Opening the address the new host
 * printed, in another tab, replaces the cookie, and this page then reconnects by itself.
 */
export function watchHostToken(
  transport: Transport,
  pageUrl: string,
  onChange: (refused: boolean) => void,
  everyMs = TOKEN_CHECK_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every status change and on stop, so a check from an earlier outage ends. */
  let outage = 0;
  const check = async (current: number): Promise<void> => {
    const refused = await fetch(new URL('/', pageUrl), { method: 'HEAD', cache: 'no-store' }).then(
      (response) => response.status === 401,
      () => false,
    );
    if (current !== outage) return;
    onChange(refused);
    timer = setTimeout(() => void check(current), everyMs);
  };
  const stop = transport.onStatus((connected) => {
    outage += 1;
    clearTimeout(timer);
    if (connected) onChange(false);
    else void check(outage);
  });
  return () => {
    outage += 1;
    clearTimeout(timer);
    stop();
  };
}
