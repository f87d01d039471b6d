import { mount } from 'svelte';
import { createClient } from '../api/createClient';
import type { Transport } from '../api/transport';
import { whenConnected } from '../api/whenConnected';
import { afterFirstPaint } from '../shared/afterFirstPaint';
import { loadPageSettings } from '../shared/pageSettings';
import App from './App.svelte';
import { VaultState } from './VaultState.svelte';

/** Longest the page waits for its connection before it shows itself anyway (as disconnected). */
const CONNECT_WAIT_MS = 500;
/**
 * Longest it then waits for the stories: a vault that answers within this is built and laid out
 * once, with its cards, instead of an empty board first and the cards a layout later. A larger
 * vault shows the board as loading after this, as before.
 */
const FIRST_LOAD_WAIT_MS = 400;

/** The page follows the vault for its whole life: started here, never stopped. */
export async function startApp(target: HTMLElement, transport: Transport): Promise<void> {
  const vault = new VaultState(createClient(transport));
  await whenConnected(transport, CONNECT_WAIT_MS);
  vault.start();
  loadPageSettings();
  await Promise.race([vault.loaded, new Promise((resolve) => setTimeout(resolve, FIRST_LOAD_WAIT_MS))]);
  target.replaceChildren();
  mount(App, { target, props: { vault, transport } });
  // The tab's icon: an SVG, which the page decodes as a document of its own (about 25 ms here);
  // linked in the head, it was fetched at the load event and decoded before the board could paint.
  afterFirstPaint(() => {
    const icon = Object.assign(document.createElement('link'), {
      rel: 'icon',
      href: './favicon.svg',
      type: 'image/svg+xml',
    });
    document.head.append(icon);
  });
}
