import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoryRecord } from '../../core/api';
import { renderStoryFile } from '../../core/frontmatter/renderStoryFile';
import { sampleStory } from '../../../test/helpers/sampleStory';
import { until } from '../../../test/helpers/sampleVault';
import { tempDir } from '../../../test/helpers/tempDir';
import { createStoryBankService, type StoryBankService } from '../api/storyBankService';
import { runGit } from '../git/runGit';
import { Vault } from './vault';

const open: Array<{ vault: Vault; service: StoryBankService }> = [];
afterEach(async () => {
  for (const { vault, service } of open.splice(0)) {
    await service.close();
    await vault.close();
  }
});

/**
 * A watched vault holding the sample story, committed (v1), and an "editor" on it: it takes in
 * whatever version the vault reports, as the app's editor does while it has nothing unsaved.
 */
async function setup() {
  const root = await tempDir();
  await mkdir(join(root, 'stories'), { recursive: true });
  const file = join(root, 'stories', 'raft.md');
  await writeFile(file, renderStoryFile(sampleStory()));
  const vault = await Vault.open(root);
  await vault.startWatching();
  const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
  open.push({ vault, service });
  let editor: StoryRecord = vault.findById('raft-failover')!;
  vault.onChange((change) => {
    for (const record of change.upserted) if (record.story.id === editor.story.id) editor = record;
  });
  /** Edits the file as another program would and waits until the editor has taken it in. */
  const editOutside = async (change: (text: string) => string) => {
    const before = editor.hash;
    await writeFile(file, change(await readFile(file, 'utf8')));
    await until(() => editor.hash !== before, 'the editor taking in the outside edit');
  };
  const uncommitted = async () => (await runGit(root, ['status', '--porcelain', '--', 'stories'])).stdout.trim();
  return { file, service, editor: () => editor, editOutside, uncommitted };
}

const V2_METRIC = 'metric: v2 outside 1.7 s';
const V3_WEEKS = 'weeks: [10, 11]';

describe('saving against the version the editor started from', () => {
  it('merges a second outside edit cleanly when the first one was taken in but not committed', async () => {
    const { file, service, editor, editOutside, uncommitted } = await setup();
    expect(await uncommitted()).toBe('');
    await editOutside((text) => text.replace(/^metric: .*$/m, V2_METRIC));
    expect(await uncommitted()).toMatch(/stories\/raft\.md/);
    const base = editor();
    expect(base.story.metric).toBe('v2 outside 1.7 s');

    await editOutside((text) => text.replace(/^weeks: .*$/m, V3_WEEKS));
    const mine = { ...base.story, sections: { ...base.story.sections, action: 'Mine: I built Raft.' } };
    const result = await service.handlers.saveStory({ story: mine, baseHash: base.hash });

    expect(result.kind).toBe('merged');
    const text = await readFile(file, 'utf8');
    expect(text).toContain(V2_METRIC);
    expect(text).toContain(V3_WEEKS);
    expect(text).toContain('Mine: I built Raft.');
  });

  it('merges when the second outside edit changes the same field again, keeping the newer one', async () => {
    const { file, service, editor, editOutside } = await setup();
    await editOutside((text) => text.replace(/^metric: .*$/m, V2_METRIC));
    const base = editor();
    await editOutside((text) => text.replace(/^metric: .*$/m, 'metric: v3 outside 1.6 s'));
    const mine = { ...base.story, sections: { ...base.story.sections, action: 'Mine: I built Raft.' } };
    const result = await service.handlers.saveStory({ story: mine, baseHash: base.hash });

    expect(result.kind).toBe('merged');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('metric: v3 outside 1.6 s');
    expect(text).not.toContain('v2 outside');
    expect(text).toContain('Mine: I built Raft.');
  });

  it('still conflicts on a true overlap, with my edit as "yours" and the outside one as "theirs"', async () => {
    const { file, service, editor, editOutside } = await setup();
    await editOutside((text) => text.replace(/^metric: .*$/m, V2_METRIC));
    const base = editor();
    await editOutside((text) =>
      text.replace(/^metric: .*$/m, 'metric: v3 outside 1.6 s').replace(/^I compared .*$/m, 'Theirs: I chose Raft.'),
    );
    const onDisk = await readFile(file, 'utf8');
    const mine = { ...base.story, sections: { ...base.story.sections, action: 'Mine: I built Raft.' } };
    const result = await service.handlers.saveStory({ story: mine, baseHash: base.hash });

    expect(result).toMatchObject({
      kind: 'conflict',
      mine: { metric: 'v3 outside 1.6 s', sections: { action: 'Mine: I built Raft.' } },
      theirs: { metric: 'v3 outside 1.6 s', sections: { action: 'Theirs: I chose Raft.' } },
    });
    const merged = result.kind === 'conflict' ? result.mergedText : '';
    // One conflict, over the action only: the metric the editor took in is not "yours".
    expect(merged.match(/^<{7} /gm)).toHaveLength(1);
    expect(merged).toMatch(/<{7} yours[^\n]*\nMine: I built Raft\.\n={7}\nTheirs: I chose Raft\.\n>{7} /);
    expect(merged).toContain('metric: v3 outside 1.6 s');
    expect(merged).not.toContain('v2 outside');
    expect(await readFile(file, 'utf8')).toBe(onDisk);

    // "Keep mine" keeps my action, and the outside metric: the editor never changed the metric.
    if (result.kind !== 'conflict') return;
    const kept = await service.handlers.resolveConflict({ id: mine.id, resolution: 'keep-mine', mine: result.mine });
    expect(kept.record.story).toMatchObject({
      metric: 'v3 outside 1.6 s',
      sections: { action: 'Mine: I built Raft.' },
    });
  });
});
