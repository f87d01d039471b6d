import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { tempDir } from './tempDir';

/**
 * Runs `fn` with a `git` first on PATH that notes each command (its arguments, one line) and then
 * runs the real git, and returns what `fn` returned with the commands it started: how many git
 * processes a piece of the app starts, with real git doing the work.
 */
export async function withGitProcessLog<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const original = process.env.PATH ?? '';
  const realGit = original
    .split(delimiter)
    .map((dir) => join(dir, 'git'))
    .find((path) => existsSync(path));
  if (!realGit) throw new Error('git is not on PATH');
  const dir = await tempDir('story-bank-git-log-');
  const log = join(dir, 'commands.log');
  await writeFile(log, '');
  const wrapper = join(dir, 'git');
  await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  await chmod(wrapper, 0o755);
  process.env.PATH = `${dir}${delimiter}${original}`;
  try {
    const result = await fn();
    const commands = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    return { result, commands };
  } finally {
    process.env.PATH = original;
  }
}
