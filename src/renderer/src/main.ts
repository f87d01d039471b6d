import { defaultTransport } from './api/createClient';
import './shared/styles/app.css';

// The connection is opened first, by this small module, and the app's code (most of the page's
// script) is fetched, compiled and run while the socket connects: in that order, not one after the
// other, the first board comes sooner. index.html loads this module async, so it can run before
// the document has been parsed: the app is mounted once #app is there.
const transport = defaultTransport();
const app = import('./app/startApp');
const parsed =
  document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
    : Promise.resolve();
void Promise.all([app, parsed]).then(([{ startApp }]) => {
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  return startApp(target, transport);
});
