import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { builtinModules } from 'node:module';
import svelteConfig from './svelte.config.js';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

/**
 * The layering rule (see docs/architecture.md). Each layer lists what it may not import:
 * - only src/main/electron and src/preload import `electron`;
 * - src/core imports nothing with side effects: no Node built-ins, no I/O libraries, no other layer;
 * - the renderer never imports src/main (or Node);
 * - src/main (outside electron) and src/cli never import the renderer.
 */
const electronBan = { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' };
const ioLibraries = ['chokidar', 'gray-matter', 'write-file-atomic', 'ws', 'electron'];

export default ts.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'resources/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    // Benchmarks hand functions to Chromium (page.evaluate), so they use browser globals too.
    files: ['bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Checks that e2e specs hand to Chromium as text.
    files: ['e2e/browser/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node modules.' })),
          ],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/cli/**', '**/preload/**'],
              message: 'The renderer talks to main only through the API client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({
            name,
            message: 'src/core is pure: no I/O, no Node, no Electron.',
          })),
          patterns: [
            {
              group: [
                '**/main/**',
                '**/main',
                '**/renderer/**',
                '@renderer',
                '@renderer/**',
                '**/cli/**',
                '**/preload/**',
              ],
              message: 'src/core imports no other layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**', 'src/cli/**'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/renderer/**', '@renderer', '@renderer/**', '**/preload/**'],
              message: 'Main code does not import the renderer or preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '@renderer', '@renderer/**'],
              message: 'Electron code does not import the renderer.',
            },
          ],
        },
      ],
    },
  },
);
