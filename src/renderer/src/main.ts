import { mount } from 'svelte';
import App from './App.svelte';
import { createClient, defaultTransport } from './lib/api/createClient';
import { whenConnected } from './lib/api/whenConnected';
import { VaultState } from './lib/state/VaultState.svelte';
import './styles/app.css';

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
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
void start(target);
