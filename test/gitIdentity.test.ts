import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newStory } from '../src/core/newStory';
import { FALLBACK_IDENTITY } from '../src/main/git/gitIdentity';
import { runGit } from '../src/main/git/runGit';
import { openServiceAt } from './helpers/serviceCalls';
import { tempDir } from './helpers/tempDir';

const IDENTITY_ENV = ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL', 'EMAIL'];
let saved: Record<string, string | undefined> = {};

/** git in this test reads only the temp HOME's configuration: no system file, no identity in the environment. */
async function useHome(gitconfig: string | null): Promise<void> {
  const home = await tempDir('story-bank-home-');
  if (gitconfig !== null) await writeFile(join(home, '.gitconfig'), gitconfig);
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
}

beforeEach(() => {
  const names = [...IDENTITY_ENV, ...Object.keys(process.env).filter((name) => name.startsWith('GIT_'))];
  saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function authors(root: string): Promise<string[]> {
  return (await runGit(root, ['log', '--format=%an <%ae> / %cn <%ce>'])).stdout.trim().split('\n');
}

/** A new vault in a temp folder: its first commit, then a story saved and committed through the API. */
async function vaultWithOneStory() {
  const root = join(await tempDir(), 'vault');
  const opened = await openServiceAt(root);
  await opened.call('saveStory', { story: newStory('reliability', new Set()) });
  const state = await opened.call('commitNow', {});
  await opened.stop();
  return { root, state };
}

describe('commits are made as the user (real git, temp HOME)', () => {
  it('uses the identity in the global git configuration, and says so', async () => {
    await useHome('[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n');
    const { root, state } = await vaultWithOneStory();
    const ada = 'Ada Lovelace <ada@example.org> / Ada Lovelace <ada@example.org>';
    expect(await authors(root)).toEqual([ada, ada]);
    expect(state.identity).toEqual({ name: 'Ada Lovelace', email: 'ada@example.org', fallback: false });
  });

  it('prefers the repository’s own identity, and GIT_AUTHOR_* over both', async () => {
    await useHome('[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n');
    const root = join(await tempDir(), 'vault');
    await runGit(await tempDir(), ['init', '--quiet', root]);
    await runGit(root, ['config', 'user.name', 'Grace Hopper']);
    await runGit(root, ['config', 'user.email', 'grace@example.org']);
    const opened = await openServiceAt(root);
    await opened.call('saveStory', { story: newStory('reliability', new Set()) });
    expect((await opened.call('commitNow', {})).identity).toMatchObject({ name: 'Grace Hopper', fallback: false });
    process.env.GIT_AUTHOR_NAME = 'Env Author';
    process.env.GIT_AUTHOR_EMAIL = 'env@example.org';
    await opened.call('saveStory', { story: { ...newStory('reliability', new Set()), title: 'Renamed' } });
    expect((await opened.call('commitNow', {})).identity).toEqual({
      name: 'Env Author',
      email: 'env@example.org',
      fallback: false,
    });
    await opened.stop();
    expect(await authors(root)).toEqual([
      'Env Author <env@example.org> / Grace Hopper <grace@example.org>',
      'Grace Hopper <grace@example.org> / Grace Hopper <grace@example.org>',
    ]);
  });

  it('falls back to Story Bank only where git has no identity, and the state says so', async () => {
    await useHome(null);
    const { root, state } = await vaultWithOneStory();
    const fallback = `${FALLBACK_IDENTITY.name} <${FALLBACK_IDENTITY.email}>`;
    expect(await authors(root)).toEqual([`${fallback} / ${fallback}`, `${fallback} / ${fallback}`]);
    expect(state.identity).toEqual({ ...FALLBACK_IDENTITY, fallback: true });
  });
});
