import { defaultTransport } from './api/createClient';
import './shared/styles/app.css';

// The connection is opened first, by this small module, and the app's code (most of the page's
// script) is fetched, compiled and run while the socket connects: in that order, not one after the
// other, the first board comes sooner.
const transport = defaultTransport();
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
void import('./app/startApp').then(({ startApp }) => startApp(target, transport));
