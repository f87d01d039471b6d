import { resolve } from 'node:path';

/**
 * Import aliases shared by the renderer build (electron.vite.config.ts) and the tests
 * (vitest.config.ts); tsconfig.web.json and tsconfig.renderer-tests.json repeat them as `paths`.
 * They replace climbs like `../../../core/story`, which break whenever a file moves.
 */
export const pathAliases = {
  '@core': resolve(import.meta.dirname, 'src/core'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
};
