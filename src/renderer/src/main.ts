import { mount } from 'svelte';
import App from './App.svelte';
import { createClient, defaultTransport } from './lib/api/createClient';
import { whenConnected } from './lib/api/whenConnected';
import { VaultState } from './lib/state/VaultState.svelte';
import './styles/app.css';

/** Longest the page waits for its connection before it shows itself anyway (as disconnected). */
const CONNECT_WAIT_MS = 500;

const transport = defaultTransport();
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// Mounted once connected, so the first questions to main leave before the page's first layout.
void whenConnected(transport, CONNECT_WAIT_MS).then(() =>
  mount(App, { target, props: { vault: new VaultState(createClient(transport)), transport } }),
);
