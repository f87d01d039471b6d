import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicyMeta } from './src/main/security/contentSecurityPolicy';

/** Puts the CSP into the built index.html from the same definition the hosts send as a header. */
function cspMetaTag(): Plugin {
  return {
    name: 'story-bank-csp-meta',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicyMeta()}" />`,
      ),
  };
}

export default defineConfig({
  main: {
    build: {
      // ESM main (package.json says "type": "module"), so ESM-only chokidar 5 loads natively.
      rolldownOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          cli: resolve('src/cli/index.ts'),
          lib: resolve('src/main/lib.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS: Electron refuses an ESM preload when sandbox is on.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), cspMetaTag()],
  },
});
