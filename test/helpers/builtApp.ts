import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built app in out/, which the CLI, crash, lock and build-output tests run. A test that
 * finds it missing fails; it never skips, and it never runs a build older than the source:
 * vitest's global setup (`ensureFreshBuild`) builds once before the suite when out/ is missing
 * or any input is newer than it.
 */
export const APP_ROOT = process.cwd();

/** What the build is made from: a change to any of them makes out/ stale. */
const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'svelte.config.js', 'package.json'];
/** Files every build writes; out/ is as old as the oldest of them. */
const BUILD_OUTPUTS = ['out/main', 'out/preload', 'out/renderer'];

/** The absolute path of a built file, e.g. `builtFile('out/main/cli.js')`; throws when it is not there. */
export function builtFile(path: string): string {
  const file = join(APP_ROOT, path);
  if (!existsSync(file)) {
    throw new Error(
      `${path} is missing: the tests of the built app need \`npx electron-vite build\` (vitest's global setup runs it)`,
    );
  }
  return file;
}

/** Every file under `path` (a file or a folder), with its modification time. */
function files(path: string): Array<{ path: string; mtimeMs: number }> {
  const full = join(APP_ROOT, path);
  if (!existsSync(full)) return [];
  const stat = statSync(full);
  if (!stat.isDirectory()) return [{ path, mtimeMs: stat.mtimeMs }];
  // Tests are not built: editing one leaves out/ as fresh as it was.
  return readdirSync(full)
    .filter((name) => !name.endsWith('.test.ts'))
    .flatMap((name) => files(join(path, name)));
}

/** Why out/ cannot be trusted (missing, or older than a named input), or null when it is fresh. */
export function staleBuildReason(): string | null {
  const outputs = BUILD_OUTPUTS.map((path) => ({ path, files: files(path) }));
  const missing = outputs.find((output) => output.files.length === 0);
  if (missing) return `${missing.path} is missing`;
  const oldest = Math.min(...outputs.flatMap((output) => output.files.map((file) => file.mtimeMs)));
  const newer = BUILD_INPUTS.flatMap(files).find((file) => file.mtimeMs > oldest);
  return newer ? `${newer.path} is newer than out/` : null;
}

/**
 * Builds out/ when it is missing or stale, and throws (failing the whole run, loudly) when the
 * build fails or leaves it stale. Returns what it did, for one line of output.
 */
export function ensureFreshBuild(): string {
  const reason = staleBuildReason();
  if (reason === null) return 'out/ is up to date';
  const started = Date.now();
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: APP_ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(
      `out/ needed a build (${reason}) and \`npx electron-vite build\` failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`,
    );
  }
  const still = staleBuildReason();
  if (still !== null) throw new Error(`out/ is still stale after a build: ${still}`);
  return `built out/ in ${((Date.now() - started) / 1000).toFixed(1)} s (${reason})`;
}
