import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { pathAliases } from './pathAliases';
import {
  contentSecurityPolicyMeta,
  devServerContentSecurityPolicyMeta,
} from './src/main/security/contentSecurityPolicy';

/**
 * Puts the CSP into index.html from the same definition the hosts send as a header. On the dev
 * server (`npm run dev`), Vite injects styles as `<style>` elements: they get a random nonce for
 * the run, which the page's policy then allows (devServerContentSecurityPolicyMeta), and the
 * hot reload socket is named for a page on another origin (Electron's storybank://app).
 */
function cspMetaTag(): Plugin {
  const styleNonce = randomBytes(18).toString('base64url');
  let policy = contentSecurityPolicyMeta();
  return {
    name: 'story-bank-csp-meta',
    config: (_config, env) => (env.command === 'serve' ? { html: { cspNonce: styleNonce } } : undefined),
    configResolved(config) {
      if (config.command !== 'serve') return;
      const port = config.server.port;
      policy = devServerContentSecurityPolicyMeta(styleNonce, port ? `ws://127.0.0.1:${port}` : undefined);
    },
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      ),
  };
}

/**
 * Links the app's chunk (src/renderer/src/app/startApp.ts, which main.ts imports once it has opened
 * the connection) from index.html: its script and the chunks it imports as modulepreload, its
 * styles as a stylesheet. The browser then fetches and compiles them beside the small entry
 * instead of after it has run; main.ts's import finds them loaded.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'story-bank-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        const chunks = Object.values(ctx.bundle ?? {}).filter((output) => output.type === 'chunk');
        const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/app/startApp.ts'));
        if (!app) throw new Error('the build has no chunk for src/app/startApp.ts to preload');
        // The entry is linked already, as the page's script.
        const entry = chunks.find((chunk) => chunk.isEntry)?.fileName;
        const css = [...(app.viteMetadata?.importedCss ?? [])];
        const entryScript = '<script type="module" crossorigin';
        if (!html.includes(entryScript)) throw new Error(`index.html has no ${entryScript}> to make async`);
        // Async, the entry runs once it has arrived: it opens the connection without first waiting
        // for the stylesheets to be loaded and parsed, as a deferred script (any module script
        // without async) must. main.ts waits for #app itself.
        return {
          html: html.replace(entryScript, '<script type="module" async crossorigin'),
          tags: [
            ...[app.fileName, ...app.imports.filter((file) => file !== entry)].map((file) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
              injectTo: 'head' as const,
            })),
            ...css.map((file) => ({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: true, href: `./${file}` },
              injectTo: 'head' as const,
            })),
          ],
        };
      },
    },
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
    generateBundle() {
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: `vad/${basename(file)}`, source: readFileSync(file) });
      }
    },
    // The dev server serves them from node_modules under the same names.
    configureServer(server) {
      const types: Record<string, string> = {
        onnx: 'application/octet-stream',
        js: 'text/javascript',
        mjs: 'text/javascript',
        wasm: 'application/wasm',
      };
      server.middlewares.use('/vad/', (request, response, next) => {
        const file = files.find((path) => `/${basename(path)}` === request.url);
        if (!file) return next();
        response.setHeader('Content-Type', types[file.split('.').pop() ?? ''] ?? 'application/octet-stream');
        response.end(readFileSync(file));
      });
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
          // `npm run dev`'s browser host (scripts/dev.js), apart from the `story-bank` command.
          devHost: resolve('src/cli/devHost.ts'),
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
    // The dev server (`npm run dev`) listens on loopback only, like the browser host.
    // Its hot reload socket is named in full, for a page served as storybank://app (Electron).
    server: { host: '127.0.0.1', hmr: { host: '127.0.0.1' } },
    build: {
      // Minified: the page parses and compiles half the bytes before the board can paint
      // (813 KB -> about 370 KB for the main chunk). Names and strings stay, so errors still read.
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [
      svelte({ configFile: resolve('svelte.config.js') }),
      cspMetaTag(),
      voiceDetectorAssets(),
      preloadAppChunk(),
    ],
  },
});
