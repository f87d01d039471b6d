import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { pathAliases } from './pathAliases';

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: pathAliases },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Builds out/ when missing or older than src/: the CLI, crash and lock tests run the built app.
    globalSetup: ['test/helpers/buildBeforeTests.ts'],
  },
});
