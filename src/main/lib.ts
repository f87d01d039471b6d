/**
 * The main-process services as a library, built to out/main/lib.js for what runs them outside
 * the app under plain Node: benchmarks and the crash tests' child processes.
 */
export { Vault } from './vault/vault';
export { parseStoryFile } from './vault/parseStoryFile';
export { createStoryBankService } from './api/storyBankService';
export { startBrowserHost } from './host/browserHost';
export { renderStoryFile } from '../core/storyFile';
export { dispatch } from './api/dispatch';
