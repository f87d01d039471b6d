import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { tempDir } from '../../../test/helpers/tempDir';
import { AutoCommitter } from '../git/autoCommitter';
import { runGit } from '../git/runGit';
import { resolveConflict, saveAgainstBase } from './conflicts';
import { Vault } from './vault';

async function setup() {
  const root = await tempDir();
  await mkdir(join(root, 'stories'), { recursive: true });
  const file = join(root, 'stories', 'raft.md');
  await writeFile(file, renderStoryFile(sampleStory()));
  const vault = await Vault.open(root);
  const committer = new AutoCommitter(root, () => {}, 60_000);
  const baseHash = vault.findById('raft-failover')!.hash;
  return { root, file, vault, committer, baseHash };
}

const gitLogPatch = async (root: string) => (await runGit(root, ['log', '-p', '--format=%s'])).stdout;

describe('saving against a base version', () => {
  it('is a plain save when the file has not changed since the edits began', async () => {
    const { vault, committer, baseHash } = await setup();
    const result = await saveAgainstBase(vault, committer, sampleStory({ metric: '2 s' }), baseHash);
    expect(result).toMatchObject({ kind: 'saved', written: true });
  });

  it('merges an outside edit to another part cleanly, keeping both in the file and in history', async () => {
    const { root, file, vault, committer, baseHash } = await setup();
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'Recover from a node crash in under 5 s.',
        'Recover within 5 s (edited elsewhere).',
      ),
    );
    const mine = sampleStory({ metric: 'mine: 1.5 s' });
    const result = await saveAgainstBase(vault, committer, mine, baseHash);
    expect(result.kind).toBe('merged');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('metric: "mine: 1.5 s"');
    expect(text).toContain('Recover within 5 s (edited elsewhere).');
    const history = await gitLogPatch(root);
    expect(history).toContain('outside edit: Cutting failover time with Raft');
    expect(history).toContain('+Recover within 5 s (edited elsewhere).');
  });

  it('merges edits of two fields on neighbouring lines, which a line merge calls a conflict', async () => {
    const { file, vault, committer, baseHash } = await setup();
    const before = await readFile(file, 'utf8');
    // The metric line follows the weeks line in the file.
    expect(before).toMatch(/^weeks: .*\nmetric: /m);
    await writeFile(file, before.replace(/^weeks: .*$/m, 'weeks: [10, 11]'));
    const result = await saveAgainstBase(vault, committer, sampleStory({ metric: 'mine: 1.5 s' }), baseHash);
    expect(result.kind).toBe('merged');
    expect(result.kind === 'merged' && result.record.story).toMatchObject({ weeks: [10, 11], metric: 'mine: 1.5 s' });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('weeks: [10, 11]\nmetric: "mine: 1.5 s"\n');
  });

  it('returns a conflict, writing nothing, when both changed the same line', async () => {
    const { file, vault, committer, baseHash } = await setup();
    const theirs = (await readFile(file, 'utf8')).replace(/^metric: .*$/m, 'metric: theirs 3 s');
    await writeFile(file, theirs);
    const result = await saveAgainstBase(vault, committer, sampleStory({ metric: 'mine 1 s' }), baseHash);
    expect(result).toMatchObject({
      kind: 'conflict',
      file: 'stories/raft.md',
      theirs: { metric: 'theirs 3 s' },
      mine: { metric: 'mine 1 s' },
    });
    expect(result.kind === 'conflict' && result.mergedText).toMatch(
      /<<<<<<< yours[\s\S]*mine 1 s[\s\S]*=======[\s\S]*theirs 3 s/,
    );
    expect(await readFile(file, 'utf8')).toBe(theirs);
    expect(result.kind === 'conflict' && result.fields).toEqual([
      {
        field: 'metric',
        label: 'Metric',
        base: '1.8 s median leader election',
        mine: 'mine 1 s',
        theirs: 'theirs 3 s',
        merge: 'clash',
        merged: null,
      },
    ]);
  });

  it('says why the fields cannot be compared when the file on disk is no longer a story', async () => {
    const { file, vault, committer, baseHash } = await setup();
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^metric: .*$/m, 'metric: [unclosed'));
    const result = await saveAgainstBase(vault, committer, sampleStory({ metric: 'mine 1 s' }), baseHash);
    expect(result).toMatchObject({ kind: 'conflict', theirs: null, fields: null });
    expect(result.kind === 'conflict' && result.theirsProblem).toMatch(/^line \d+.*metric|^line \d+: invalid YAML/);
  });

  it('use-fields: saves the picks, with both whole versions committed before', async () => {
    const { root, file, vault, committer, baseHash } = await setup();
    await writeFile(
      file,
      (await readFile(file, 'utf8'))
        .replace(/^metric: .*$/m, 'metric: theirs 3 s')
        .replace(/^title: .*$/m, 'title: Theirs title'),
    );
    const draft = sampleStory({ metric: 'mine 1 s', title: 'Mine title', keyPhrases: ['mine'] });
    const conflict = await saveAgainstBase(vault, committer, draft, baseHash);
    if (conflict.kind !== 'conflict') throw new Error(`expected a conflict, got ${conflict.kind}`);
    expect(conflict.fields?.map(({ field, merge }) => [field, merge])).toEqual([
      ['title', 'clash'],
      ['metric', 'clash'],
      ['keyPhrases', 'mine'],
    ]);
    const picked = { ...conflict.theirs!, metric: 'mine 1 s', keyPhrases: ['mine'] };
    const result = await resolveConflict(vault, committer, 'use-fields', conflict.mine, undefined, picked);
    expect(result.record.story).toEqual(picked);
    expect(vault.findById('raft-failover')?.story).toEqual(picked);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('title: Theirs title');
    expect(text).toContain('metric: mine 1 s');
    const history = await gitLogPatch(root);
    expect(history).toMatch(/^story: Theirs title \(merged field by field with an outside edit\)$/m);
    expect(history).toContain('+title: Mine title');
    expect(history).toContain('+title: Theirs title');
    expect(history).toContain('+metric: theirs 3 s');
    await expect(
      resolveConflict(vault, committer, 'use-fields', conflict.mine, undefined, { ...picked, id: 'other' }),
    ).rejects.toThrow(/keep the id/);
    await expect(resolveConflict(vault, committer, 'use-fields', conflict.mine, undefined)).rejects.toThrow(
      /needs the picked story/,
    );
  });

  for (const resolution of ['keep-mine', 'take-theirs'] as const) {
    it(`${resolution}: writes the chosen side and keeps both versions in git history`, async () => {
      const { root, file, vault, committer } = await setup();
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^metric: .*$/m, 'metric: theirs 3 s'));
      const result = await resolveConflict(
        vault,
        committer,
        resolution,
        sampleStory({ metric: 'mine 1 s' }),
        undefined,
      );
      expect(result.record.story.metric).toBe(resolution === 'keep-mine' ? 'mine 1 s' : 'theirs 3 s');
      const history = await gitLogPatch(root);
      expect(history).toContain('+metric: mine 1 s');
      expect(history).toContain('+metric: theirs 3 s');
    });
  }

  it('use-merged: refuses text with markers or a changed id, then saves the hand merge', async () => {
    const { file, vault, committer } = await setup();
    const mine = sampleStory({ metric: 'mine 1 s' });
    const withMarkers = renderStoryFile(mine).replace(
      'metric: mine 1 s',
      '<<<<<<< yours\nmetric: mine 1 s\n=======\nmetric: x\n>>>>>>> theirs',
    );
    await expect(resolveConflict(vault, committer, 'use-merged', mine, withMarkers)).rejects.toThrow(
      /conflict markers/,
    );
    await expect(
      resolveConflict(vault, committer, 'use-merged', mine, renderStoryFile(sampleStory({ id: 'other' }))),
    ).rejects.toThrow(/keep the id/);
    const merged = renderStoryFile(sampleStory({ metric: 'both: 1 s and 3 s' }));
    expect((await resolveConflict(vault, committer, 'use-merged', mine, merged)).record.story.metric).toBe(
      'both: 1 s and 3 s',
    );
    expect(await readFile(file, 'utf8')).toBe(merged);
  });
});
