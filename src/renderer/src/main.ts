import { mount } from 'svelte';
import App from './App.svelte';
import { createClient, defaultTransport } from './lib/api/createClient';
import { VaultState } from './lib/state/VaultState.svelte';
import './styles/app.css';

const transport = defaultTransport();
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { vault: new VaultState(createClient(transport)), transport } });
