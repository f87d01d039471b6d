import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { pathAliases } from './pathAliases';
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

/**
 * Copies the voice detector's runtime files from node_modules into the renderer build under `vad/`
 * (see src/renderer/src/features/rehearsal/voice/VoiceDetector.ts): the Silero v5 model, the audio worklet, and
 * onnxruntime-web's wasm with its loader. They are fetched by fixed names at run time, not
 * imported, so the bundler would not emit them; copying at build time keeps the binaries out of
 * git and every request on the page's own origin.
 */
function voiceDetectorAssets(): Plugin {
  const require = createRequire(import.meta.url);
  const vadDist = dirname(require.resolve('@ricky0123/vad-web'));
  const files = [
    join(vadDist, 'silero_vad_v5.onnx'),
    join(vadDist, 'vad.worklet.bundle.min.js'),
    require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'),
    require.resolve('onnxruntime-web/ort-wasm-simd-threaded.mjs'),
  ];
  return {
    name: 'story-bank-voice-detector-assets',
    apply: 'build',
    generateBundle() {
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: `vad/${basename(file)}`, source: readFileSync(file) });
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Every dependency the start needs is bundled (tree-shaken into our chunks) rather than
      // loaded from node_modules: as packages, Node resolves, reads and compiles their dozens of
      // modules one by one on every start (zod's every locale included; ws alone ~50 ms here).
      // Importing the main library went from ~125 to ~80 ms with ws, chokidar and diff added to
      // zod and yaml. ts-ebml stays a package, loaded when a take ends.
      externalizeDeps: { exclude: ['zod', 'yaml', 'ws', 'chokidar', 'diff'] },
      // ESM main (package.json says "type": "module"), so ESM-only chokidar 5 loads natively.
      rolldownOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          cli: resolve('src/cli/index.ts'),
          lib: resolve('src/main/lib.ts'),
          // scripts/start.js reads `npm start`'s --vault with the parser the app and the CLI use.
          commandLine: resolve('src/main/commandLine.ts'),
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
    resolve: { alias: pathAliases },
    build: {
      // Minified: the page parses and compiles half the bytes before the board can paint
      // (813 KB -> about 370 KB for the main chunk). Names and strings stay, so errors still read.
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), cspMetaTag(), voiceDetectorAssets()],
  },
});
