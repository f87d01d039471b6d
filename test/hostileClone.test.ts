import { execFileSync } from 'node:child_process';
import { cp, lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallName, CallResults } from '../src/core/api';
import { dispatch } from '../src/main/api/dispatch';
import { openStoryBank } from '../src/main/openStoryBank';
import { fixtureChunks, RAFT_ID, timing, WEBM_TYPE } from './helpers/rehearsalVault';
import { tempDir } from './helpers/tempDir';

/**
 * A repository that commits links to `../../somefile` where Story Bank keeps files it writes,
 * cloned with real git and opened the way both hosts open a vault. The outside files must stay
 * byte for byte as they were, whatever the app does in the vault.
 */
const OUTSIDE = 'outside the vault: never to be written by Story Bank\n';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' }).toString();

/** base/somefile and base/clones/somefile, and a clone at base/clones/vault of a repo committing `links`. */
async function hostileClone(links: string[]) {
  const base = await tempDir();
  await mkdir(join(base, 'clones'));
  const outsideFiles = [join(base, 'somefile'), join(base, 'clones', 'somefile')];
  for (const file of outsideFiles) await writeFile(file, OUTSIDE);
  const origin = join(base, 'origin');
  await cp(join(process.cwd(), 'resources', 'sample-vault'), origin, { recursive: true });
  git(origin, 'init', '-q');
  for (const link of links) {
    await mkdir(join(origin, link, '..'), { recursive: true });
    await symlink('../../somefile', join(origin, link));
  }
  git(origin, 'add', '-f', '.');
  git(origin, 'commit', '-qm', 'stories, and links out of the vault');
  const vault = join(base, 'clones', 'vault');
  git(base, 'clone', '-q', origin, vault);
  for (const link of links) expect((await lstat(join(vault, link))).isSymbolicLink()).toBe(true);
  const untouched = async () => {
    for (const file of outsideFiles) expect(await readFile(file, 'utf8')).toBe(OUTSIDE);
  };
  return { vault, untouched };
}

describe('a cloned vault whose repository commits links out of it', () => {
  it('.storybank/ui.json and a take sidecar as links: starting, opening a story, saving and a take write nothing outside', async () => {
    const { vault, untouched } = await hostileClone(['.storybank/ui.json']);
    const opened = await openStoryBank({ path: vault, isDefault: false }, process.cwd(), 'browser', {
      commitQuietMs: 60_000,
    });
    const call = async <K extends CallName>(name: K, input: unknown): Promise<CallResults[K]> => {
      const envelope = JSON.parse(JSON.stringify(await dispatch(opened.service.handlers, name, input)));
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.value as CallResults[K];
    };
    try {
      await untouched();
      // The link is not read through: nothing remembered.
      expect(await call('getUiState', {})).toEqual({ lastStoryId: null });
      await call('saveUiState', { lastStoryId: RAFT_ID });
      await untouched();
      expect((await lstat(join(vault, '.storybank', 'ui.json'))).isFile()).toBe(true);
      expect(await call('getUiState', {})).toEqual({ lastStoryId: RAFT_ID });

      const record = await call('readStory', { id: RAFT_ID });
      const saved = await call('saveStory', {
        story: { ...record.story, metric: 'saved in a hostile clone' },
        baseHash: record.hash,
      });
      expect(saved.kind).toBe('saved');
      await untouched();

      // A sidecar swapped for a link while its take records: the end of the take replaces the link.
      const started = await call('startTake', { storyId: RAFT_ID, mimeType: WEBM_TYPE });
      const sidecar = join(vault, 'rehearsals', RAFT_ID, started.file);
      await rm(sidecar);
      await symlink('../../../somefile', sidecar);
      expect(await readFile(sidecar, 'utf8')).toBe(OUTSIDE);
      const { chunks } = await fixtureChunks();
      for (const [seq, chunk] of chunks.entries())
        await call('appendTakeChunk', { takeId: started.takeId, seq, bytes: chunk.toString('base64') });
      const finished = await call('finishTake', { takeId: started.takeId, sidecar: timing() });
      expect(finished.take.sidecar.status).toBe('complete');
      expect(finished.mediaMessage).toMatch(/ready to play from any point/);
      await untouched();
      expect((await lstat(sidecar)).isFile()).toBe(true);
      await call('updateTakeNotes', { storyId: RAFT_ID, takeFile: started.file, notes: 'still in the vault' });
      await untouched();
    } finally {
      await opened.close();
    }
    await untouched();
  });

  it('a linked .gitignore stops the vault from opening, with the reason; the outside file is untouched', async () => {
    const { vault, untouched } = await hostileClone(['.gitignore']);
    await expect(openStoryBank({ path: vault, isDefault: false }, process.cwd(), 'browser')).rejects.toThrow(
      `.gitignore in ${vault} is a symbolic link; Story Bank does not follow links out of a vault. Replace it with a real file.`,
    );
    await untouched();
    // Refused before anything was left behind: a second try is refused the same way, not as "already open".
    await expect(openStoryBank({ path: vault, isDefault: false }, process.cwd(), 'browser')).rejects.toThrow(
      /\.gitignore .* is a symbolic link/,
    );
    await untouched();
  });
});
