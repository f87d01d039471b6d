// Scripts that run inside the page (passed to page.addInitScript or page.evaluate). They note when
// something appeared on the page's own clock, so the bench's round trips to the page are not counted.

/**
 * Watches the document for marker strings: `window.__seen[marker]` is when each first appeared in
 * the DOM, `window.__shown[marker]` when the frame showing it had been painted (a
 * requestAnimationFrame callback runs just before that frame's paint, a message posted from it
 * arrives just after).
 */
export function installTextWatch() {
  window.__seen = {};
  window.__shown = {};
  window.__wanted = new Set();
  window.__watchFor = (marker) => window.__wanted.add(marker);
  const look = (text) => {
    if (!text) return;
    for (const marker of window.__wanted) {
      if (text.includes(marker)) {
        window.__seen[marker] = performance.timeOrigin + performance.now();
        window.__wanted.delete(marker);
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (window.__shown[marker] = performance.timeOrigin + performance.now());
          channel.port2.postMessage(null);
        });
      }
    }
  };
  const start = () =>
    new MutationObserver((mutations) => {
      if (window.__wanted.size === 0) return;
      for (const mutation of mutations) {
        if (mutation.type === 'characterData') look(mutation.target.data);
        else for (const node of mutation.addedNodes) look(node.textContent);
      }
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** What installPaintWatch logs (console.debug) once it has noted the paint. */
export const PAINTED_MESSAGE = 'story-bank-bench: painted';

/**
 * Notes when `selector` first matches at least `count` elements, and when the frame that shows
 * them has been painted: a requestAnimationFrame callback runs just before the paint, a message
 * posted from it arrives just after. Then it logs PAINTED_MESSAGE, for the bench to wait on
 * (`page.waitForEvent('console')`): the DevTools protocol reports a console message without
 * running anything in the page, whereas `page.waitForFunction` first compiles Playwright's
 * injected script on the page's main thread (about 30 ms in a trace, in the middle of the start
 * being timed) and then polls.
 */
export function installPaintWatch({ selector, count, message }) {
  window.__painted = null;
  const check = (observer) => {
    if (document.querySelectorAll(selector).length < count) return;
    observer?.disconnect();
    window.__present = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__painted = performance.timeOrigin + performance.now();
        console.debug(message);
      };
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(() => check(observer));
  const start = () => {
    observer.observe(document.documentElement, { subtree: true, childList: true });
    check(observer);
  };
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
}
