import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PRELOAD_RELATIVE_PATH, RENDERER_RELATIVE_DIR } from '../src/main/electron/policy';
import { contentSecurityPolicyMeta } from '../src/main/security/contentSecurityPolicy';
import { builtFile } from './helpers/builtApp';

// Checks the built app in out/ (vitest's global setup builds it when stale): what Electron would load but cannot
// be launched here to prove.
const root = process.cwd();
builtFile('out/main/index.js');

describe('the built app in out/', () => {
  it('has a CommonJS preload, as a sandboxed preload must be', () => {
    const preload = readFileSync(join(root, PRELOAD_RELATIVE_PATH), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    // Parses as a classic script: an ESM preload would throw here.
    expect(() => new Script(preload, { filename: 'preload.cjs' })).not.toThrow();
    expect(preload).not.toMatch(/require\("(?!electron")/);
  });

  it('main refers to the preload and renderer paths that exist', () => {
    const main = readFileSync(join(root, 'out', 'main', 'index.js'), 'utf8');
    expect(main).toContain(JSON.stringify(PRELOAD_RELATIVE_PATH));
    expect(main).toContain(JSON.stringify(RENDERER_RELATIVE_DIR));
    expect(existsSync(join(root, RENDERER_RELATIVE_DIR, 'index.html'))).toBe(true);
    expect(main).toMatch(/from "electron"/);
    expect(main).toMatch(/from "chokidar"|chunks\//);
  });

  it('is an ES module main, so ESM-only chokidar 5 loads', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.type).toBe('module');
    expect(pkg.main).toBe('./out/main/index.js');
    expect(existsSync(join(root, pkg.main))).toBe(true);
  });

  it('ships the CSP meta tag in index.html, from the same definition as the header', () => {
    const html = readFileSync(join(root, RENDERER_RELATIVE_DIR, 'index.html'), 'utf8');
    expect(html).toContain(`content="${contentSecurityPolicyMeta()}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('carries the voice detector files, so the model and the wasm load from the app itself', () => {
    for (const file of [
      'silero_vad_v5.onnx',
      'vad.worklet.bundle.min.js',
      'ort-wasm-simd-threaded.wasm',
      'ort-wasm-simd-threaded.mjs',
    ]) {
      expect(existsSync(join(root, RENDERER_RELATIVE_DIR, 'vad', file)), file).toBe(true);
    }
  });

  // Start-up order (docs/architecture.md): zod and the schemas it builds stay out of what the page
  // needs to show the board, and out of what `story-bank serve` loads before printing its address.
  const ZOD = /_zod\b|\$ZodType/;

  /** A built file and every file it imports statically (not `import()`), in out/. */
  function staticGraph(entry: string): Map<string, string> {
    const seen = new Map<string, string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      const text = readFileSync(file, 'utf8');
      seen.set(file, text);
      for (const [, spec] of text.matchAll(
        /(?:^|[\s;}])(?:import|export)\s*(?:[^'"();]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g,
      ))
        visit(join(dirname(file), spec));
    };
    visit(entry);
    return seen;
  }

  /**
   * What the page loads to show the board: its script, and the app's chunk that script imports
   * once the connection is open, which index.html links as modulepreload (with what they import).
   */
  function boardStartGraph(): Map<string, string> {
    const html = readFileSync(join(root, RENDERER_RELATIVE_DIR, 'index.html'), 'utf8');
    const entry = /<script[^>]*\bsrc="\.\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*\bhref="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
    const graph = new Map<string, string>();
    for (const file of [entry as string, ...preloaded])
      for (const [path, text] of staticGraph(join(root, RENDERER_RELATIVE_DIR, file))) graph.set(path, text);
    return graph;
  }

  it('links the app’s chunk, its imports and its styles from index.html, so they load beside the entry', () => {
    const html = readFileSync(join(root, RENDERER_RELATIVE_DIR, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*\bhref="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
    const app = preloaded.find((file) => /\/startApp-[\w-]+\.js$/.test(file));
    expect(app, html).toBeTruthy();
    const graph = boardStartGraph();
    // The app's chunk mounts the app: it is where the board's component is.
    expect(readFileSync(join(root, RENDERER_RELATIVE_DIR, app as string), 'utf8')).toContain(
      'data-testid="story-card"',
    );
    for (const file of graph.keys()) {
      const name = file.slice(join(root, RENDERER_RELATIVE_DIR).length + 1);
      if (!html.includes(`src="./${name}"`)) expect(preloaded, name).toContain(name);
    }
    expect(html).toMatch(/<link rel="stylesheet"[^>]*href="\.\/assets\/startApp-[\w-]+\.css"/);
  });

  it('loads the entry async, so it opens the connection before the stylesheets are in', () => {
    const html = readFileSync(join(root, RENDERER_RELATIVE_DIR, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script type="module" async crossorigin src="\.\/assets\/index-[\w-]+\.js">$/);
  });

  it('the page loads no zod to show the board', () => {
    const graph = boardStartGraph();
    expect(graph.size).toBeGreaterThan(2);
    for (const [file, text] of graph) expect(ZOD.test(text), file).toBe(false);
  });

  // marked (the preview's renderer and the teleprompter's reader) is one chunk both load when
  // first shown: not part of the board's start, and not copied into each of them.
  const MARKED = /blockquoteSetextReplace/;

  it('the page loads marked once, in a chunk of its own, and not to show the board', () => {
    const graph = boardStartGraph();
    for (const [file, text] of graph) expect(MARKED.test(text), file).toBe(false);
    const assets = join(root, RENDERER_RELATIVE_DIR, 'assets');
    const withMarked = readdirSync(assets).filter(
      (name) => name.endsWith('.js') && MARKED.test(readFileSync(join(assets, name), 'utf8')),
    );
    expect(withMarked).toHaveLength(1);
  });

  it('story-bank serve loads no zod before it prints its address; the vault it opens after does', () => {
    const cli = join(root, 'out', 'main', 'cli.js');
    const serve = /import\("\.\/(chunks\/serve-[^"]+\.js)"\)/.exec(readFileSync(cli, 'utf8'))?.[1];
    expect(serve).toBeTruthy();
    const before = staticGraph(join(root, 'out', 'main', serve as string));
    for (const [file, text] of [...staticGraph(cli), ...before]) expect(ZOD.test(text), file).toBe(false);
    const opened = /import\("\.\/(openStoryBank-[^"]+\.js)"\)/.exec([...before.values()].join('\n'))?.[1];
    expect(opened).toBeTruthy();
    const after = staticGraph(join(root, 'out', 'main', 'chunks', opened as string));
    expect([...after.values()].some((text) => ZOD.test(text))).toBe(true);
  });
});
