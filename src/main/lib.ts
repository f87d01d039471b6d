/**
 * The main-process services as a library, built to out/main/lib.js for what runs them outside
 * the app under plain Node: benchmarks and the crash tests' child processes.
 */
export { Vault } from './vault/vault';
export { parseStoryFile } from '../core/frontmatter/parseStoryFile';
export { createStoryBankService } from './api/storyBankService';
export { startBrowserHost } from './host/browserHost';
export { renderStoryFile } from '../core/frontmatter/renderStoryFile';
export { dispatch } from './api/dispatch';
// The checker and the export, for bench/ to time the same code the CLI and the app run.
export { check } from '../core/checker/check';
export { BOARD_PAGE_SIZE, firstScreenCards } from '../core/boardPaging';
export { checkInputFromStories } from '../core/checker/fromStories';
export { parseDeliverable } from '../core/deliverable/parseDeliverable';
export { assembleDeliverable } from '../core/deliverable/assembleDeliverable';
export { exportDeliverable } from './export/exportDeliverable';
// The vault's lock, for the test that has many processes take it at once.
export { acquireVaultLock } from './vault/vaultLock';
