/* eslint-disable no-restricted-imports --
   The renderer never imports Node; this test reads the renderer's own style sources on purpose. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = join(import.meta.dirname, '..', '..');
const SIZES = new Set(['11px', '12px', '13px', '14px', '16px', '20px']);
const WEIGHTS = new Set(['400', '600']);
/** The full-screen views (teleprompter, drill) set their own display sizes; weights stay on scale. */
const DISPLAY_SIZES = /^features\/(rehearsal\/teleprompter|drill)\//;

function styleSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return styleSources(path);
    return /\.(svelte|css)$/.test(entry.name) ? [path] : [];
  });
}

/** Each font size or weight in `text` (the source `file`) that is off the scale, with its line. */
function offScale(file: string, text: string): string[] {
  return text.split('\n').flatMap((text, index) =>
    [...text.matchAll(/\bfont-(size|weight)\s*:\s*([^;}]+)/g)].flatMap((match) => {
      const value = match[2].trim();
      if (value === 'inherit') return [];
      const ok = match[1] === 'weight' ? WEIGHTS.has(value) : SIZES.has(value) || DISPLAY_SIZES.test(file);
      return ok ? [] : [`${file}:${index + 1} font-${match[1]}: ${value}`];
    }),
  );
}

describe('the type scale', () => {
  it('uses its sizes and weights only, so a screen sets up few font instances on its first layout', () => {
    const files = styleSources(SOURCE);
    expect(files.length).toBeGreaterThan(20);
    const off = files.flatMap((path) =>
      offScale(relative(SOURCE, path).split('\\').join('/'), readFileSync(path, 'utf8')),
    );
    expect(off).toEqual([]);
  });

  it('names each declaration off the scale, and lets the full-screen views have display sizes', () => {
    const text =
      '.a {\n  font-size: 12.5px;\n  font-weight: 650;\n}\n.b { font-size: 48px; font: inherit; font-weight: inherit }';
    expect(offScale('features/board/X.svelte', text)).toEqual([
      'features/board/X.svelte:2 font-size: 12.5px',
      'features/board/X.svelte:3 font-weight: 650',
      'features/board/X.svelte:5 font-size: 48px',
    ]);
    expect(offScale('features/drill/X.svelte', text)).toEqual(['features/drill/X.svelte:3 font-weight: 650']);
  });
});
