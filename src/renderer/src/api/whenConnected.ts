import type { Transport } from './transport';

/**
 * Resolves when the transport is connected, or after `timeoutMs` whatever happens (the app then
 * starts and shows the connection state). IPC is connected at once; the browser host's socket
 * opens a few milliseconds after the page's script has run.
 *
 * Why wait at all: the app asks main for the vault as it mounts. Asked over an open socket, main
 * reads and sends the stories while the page lays itself out; asked before the socket is open,
 * the questions would only leave after that layout, and the board would wait for both in turn.
 */
export function whenConnected(transport: Transport, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    let stop = (): void => {};
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    stop = transport.onStatus((connected) => {
      if (connected) finish();
    });
    // Connected already: the listener heard it while subscribing, before `stop` could end it.
    if (finished) stop();
  });
}
