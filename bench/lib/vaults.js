// Generated vaults for the benchmarks: N valid story files made from the eight sample stories,
// each with its own id and title. Made once per run in the run's temp folder and copied from there.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLE_VAULT = join(APP_ROOT, 'resources', 'sample-vault');

async function sampleTexts() {
  const dir = join(SAMPLE_VAULT, 'stories');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
}

/** Story number `i` (from 0): sample story i mod 8 under a new id, title and file name. */
export function variant(text, i) {
  const n = String(i + 1).padStart(5, '0');
  const out = text
    .replace(/^id: (.*)$/m, (_, id) => `id: ${id}-${n}`)
    .replace(/^title: (.*)$/m, (_, title) => `title: ${title} ${n}`);
  if (out === text) throw new Error('the sample story has no id or title line to vary');
  return out;
}

/** Writes a vault of `count` stories into `root` (its stories/ folder) and returns the folder. */
export async function writeVault(root, count) {
  const samples = await sampleTexts();
  const stories = join(root, 'stories');
  await mkdir(stories, { recursive: true });
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const writes = [];
    for (let i = start; i < Math.min(count, start + batch); i += 1) {
      const name = `${String(i + 1).padStart(5, '0')}-story.md`;
      writes.push(writeFile(join(stories, name), variant(samples[i % samples.length], i)));
    }
    await Promise.all(writes);
  }
  return root;
}

/** Hands out vaults by size: generated once into `tempRoot`, and fresh copies for what changes them. */
export function vaultMaker(tempRoot) {
  const made = new Map();
  let copies = 0;
  const generated = (count) => {
    if (!made.has(count)) {
      made.set(
        count,
        count === 8
          ? cp(SAMPLE_VAULT, join(tempRoot, 'vault-8'), { recursive: true }).then(() => join(tempRoot, 'vault-8'))
          : writeVault(join(tempRoot, `vault-${count}`), count),
      );
    }
    return made.get(count);
  };
  return {
    /** A vault that must not be changed (read-only benchmarks). `8` is the sample vault itself. */
    shared: generated,
    /** A copy of its own, which the host may set up (git init) and the benchmark may edit. */
    async fresh(count) {
      const source = await generated(count);
      const target = join(tempRoot, `copy-${(copies += 1)}-${count}`);
      await cp(source, target, { recursive: true });
      return target;
    },
  };
}
