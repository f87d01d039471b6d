import { mount } from 'svelte';
import App from './app/App.svelte';
import { createClient, defaultTransport } from './api/createClient';
import { whenConnected } from './api/whenConnected';
import { afterFirstPaint } from './shared/afterFirstPaint';
import { VaultState } from './app/VaultState.svelte';
import './shared/styles/app.css';

/** Longest the page waits for its connection before it shows itself anyway (as disconnected). */
const CONNECT_WAIT_MS = 500;
/**
 * Longest it then waits for the stories: a vault that answers within this is built and laid out
 * once, with its cards, instead of an empty board first and the cards a layout later. A larger
 * vault shows the board as loading after this, as before.
 */
const FIRST_LOAD_WAIT_MS = 400;

/** The page follows the vault for its whole life: started here, never stopped. */
async function start(target: HTMLElement): Promise<void> {
  const transport = defaultTransport();
  const vault = new VaultState(createClient(transport));
  await whenConnected(transport, CONNECT_WAIT_MS);
  vault.start();
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

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
void start(target);
