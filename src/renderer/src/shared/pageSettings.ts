/**
 * The page's remembered choices (the checklist shown or hidden, the recording and voice modes),
 * in the browser's localStorage. A browser set to keep no site data throws on any use of it
 * (SecurityError): the choices are then not remembered, and the page works as on a first visit,
 * rather than failing to open.
 */
export const pageSettings: Pick<Storage, 'getItem' | 'setItem'> = {
  getItem(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Not remembered: this browser keeps no site data for the page.
    }
  },
};

/**
 * Loads the settings now. The page's first use of localStorage loads its origin's storage from
 * the browser process, synchronously (16 ms measured here): made while the page waits for the
 * stories, it is not paid in the middle of the first build.
 */
export function loadPageSettings(): void {
  pageSettings.getItem('');
}
