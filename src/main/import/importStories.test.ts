import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverableWithStories } from '../../../test/helpers/manyStories';
import { tempDir } from '../../../test/helpers/tempDir';
import { MAX_IMPORT_STORIES } from '../../core/import/importLimits';
import type { StoriesChanged } from '../../core/api';
import { createStoryBankService } from '../api/storyBankService';
import { runGit } from '../git/runGit';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import { Vault } from '../vault/vault';
import { collectDrafts, importStories, readImportSources } from './importStories';

const SAMPLE = join(process.cwd(), 'resources', 'sample-vault');

const INLINE = `# Threat modelling the attestation API

**Competency:** Security, risk assessment
**Situation:** Anyone on the network could post an attestation.
**Task:** Close that before the week 22 review.
**Action:** I ran STRIDE over every data flow and added mutual TLS.
**Result:** 11 threats found, 11 mitigated.
**Metric:** 11 of 11 STRIDE threats mitigated
**Tradeoff:** Chose mTLS over API keys, accepting a certificate rotation job.
`;

const HEADINGS = `---
title: Debugging a lost wakeup
competency: debugging
metric: 1 in 40,000 requests hung, now 0 in 10 million
weeks: [18]
keyPhrases: [bisect, eventfd]
---

## Situation

Requests hung at random.

## Task

Find the cause before the demo.

## Action

I wrote a stress test and bisected the epoll loop.

## Result

The hang never came back.

## Tradeoff

I evaluated adding timeouts and rewriting the loop, chose a one-line fix because it was provable, accepting that the loop stays complex.
`;

describe('import', () => {
  it('reads a folder of one-answer files, labels inline or as headings, with or without frontmatter', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'b-threats.md'), INLINE);
    await writeFile(join(folder, 'a-wakeup.md'), HEADINGS);
    await writeFile(join(folder, 'notes.md'), 'Just some notes, no story here.\n');
    await writeFile(join(folder, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    const vault = await Vault.open(join(await tempDir(), 'vault'));
    const { sources, skipped } = await readImportSources(folder);
    const report = await importStories(vault, sources, skipped);

    expect(report.imported.map((s) => [s.file, s.title])).toEqual([
      ['stories/01-debugging-a-lost-wakeup.md', 'Debugging a lost wakeup'],
      ['stories/02-threat-modelling-the-attestation-api.md', 'Threat modelling the attestation API'],
    ]);
    expect(report.skipped).toEqual([{ source: 'notes.md', reason: expect.stringMatching(/^no story found/) }]);

    const wakeup = parseStoryFile(await readFile(join(vault.root, report.imported[0].file), 'utf8'));
    expect(wakeup.ok && wakeup.story).toMatchObject({
      competency: 'debugging',
      weeks: [18],
      keyPhrases: ['bisect', 'eventfd'],
      metric: '1 in 40,000 requests hung, now 0 in 10 million',
      sections: { situation: 'Requests hung at random.', result: 'The hang never came back.' },
      tradeoff: {
        alternatives: ['adding timeouts', 'rewriting the loop'],
        chosen: 'a one-line fix',
        because: 'it was provable',
        accepting: 'the loop stays complex',
      },
    });
    expect(report.imported[0].notes).toEqual([]);

    const threatsText = await readFile(join(vault.root, report.imported[1].file), 'utf8');
    const threats = parseStoryFile(threatsText);
    expect(threats.ok && threats.story).toMatchObject({
      competency: 'security',
      sections: { action: 'I ran STRIDE over every data flow and added mutual TLS.' },
      tradeoff: { chosen: 'mTLS', alternatives: ['API keys'], accepting: 'a certificate rotation job' },
    });
    // Not Story Bank's own sentence: split by guess, and the words kept as written; a competency
    // read by a cue word says which one it became.
    expect(report.imported[1].notes).toEqual([
      'competency "Security, risk assessment" read as Security',
      expect.stringMatching(/split into fields by its wording/),
    ]);
    expect(threatsText).toContain(
      '## As imported\n\nCompetency: Security, risk assessment\n\nTradeoff: Chose mTLS over API keys, accepting a certificate rotation job.\n',
    );
  });

  it('imports through the service: new stories appear as a change, are committed, and replace nothing', async () => {
    const root = join(await tempDir(), 'vault');
    await cp(SAMPLE, root, { recursive: true });
    const vault = await Vault.open(root);
    const before = new Map(
      await Promise.all(
        (await readdir(join(root, 'stories'))).map(
          async (name) => [name, await readFile(join(root, 'stories', name), 'utf8')] as const,
        ),
      ),
    );
    const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
    const changes: StoriesChanged[] = [];
    vault.onChange((change) => changes.push(change));

    const sampleFile = [...before.keys()][0];
    const report = await service.handlers.importFiles({
      files: [
        { name: sampleFile, text: before.get(sampleFile)! },
        { name: 'threats.md', text: INLINE },
      ],
    });
    expect(report.imported.map((s) => s.notes[0] ?? '')).toEqual([
      'the id "raft-attestation-log" is already in the vault; imported as "raft-attestation-log-2"',
      expect.stringMatching(/read as Security/),
    ]);
    expect(changes.flatMap((c) => c.upserted.map((r) => r.story.id))).toEqual([
      'raft-attestation-log-2',
      'threat-modelling-the-attestation-api',
    ]);
    for (const [name, text] of before) expect(await readFile(join(root, 'stories', name), 'utf8')).toBe(text);
    expect(vault.snapshot().stories).toHaveLength(10);
    const log = (await runGit(root, ['log', '-1', '--name-only', '--format=%s'])).stdout.trim().split('\n');
    expect(log[0]).toBe('import: 2 stories');
    expect(log.slice(1).filter(Boolean).sort()).toEqual(report.imported.map((s) => s.file).sort());
    await service.close();
  });

  it('says clearly what it cannot read', async () => {
    const dir = await tempDir();
    await expect(readImportSources(join(dir, 'missing.md'))).rejects.toThrow(/no such file or folder/);
    await mkdir(join(dir, 'empty'));
    await expect(readImportSources(join(dir, 'empty'))).rejects.toThrow(/holds no \.md files/);
    await writeFile(join(dir, 'latin1.md'), Buffer.from([0x53, 0x69, 0x74, 0xe9, 0x0a]));
    expect((await readImportSources(join(dir, 'latin1.md'))).skipped).toEqual([
      { source: 'latin1.md', reason: 'the file is not UTF-8 text' },
    ]);
    const vault = await Vault.open(join(dir, 'vault'));
    const js = await importStories(vault, [{ name: 'evil.md', text: '---js\n{ title: require("fs") }\n---\n' }]);
    expect(js.skipped[0].reason).toMatch(/frontmatter language "js" is not allowed/);
  });

  it('takes at most MAX_IMPORT_STORIES stories at once, and refuses more through the service, writing nothing', async () => {
    expect(collectDrafts([{ name: 'bank.md', text: deliverableWithStories(MAX_IMPORT_STORIES) }]).drafts).toHaveLength(
      MAX_IMPORT_STORIES,
    );
    const root = join(await tempDir(), 'vault');
    await cp(SAMPLE, root, { recursive: true });
    const vault = await Vault.open(root);
    const service = createStoryBankService(vault, { host: 'browser', version: 'test' }, { commitQuietMs: 60_000 });
    const head = (await runGit(root, ['rev-parse', 'HEAD'])).stdout;
    const files = await readdir(join(root, 'stories'));
    const tooMany = MAX_IMPORT_STORIES + 1;
    await expect(
      service.handlers.importFiles({ files: [{ name: 'bank.md', text: deliverableWithStories(tooMany) }] }),
    ).rejects.toThrow(`found ${tooMany} stories to import; an import takes at most ${MAX_IMPORT_STORIES}`);
    expect(await readdir(join(root, 'stories'))).toEqual(files);
    expect(vault.snapshot().stories).toHaveLength(8);
    expect((await runGit(root, ['rev-parse', 'HEAD'])).stdout).toBe(head);
    expect((await runGit(root, ['status', '--porcelain'])).stdout).toBe('');
    await service.close();
  });
});
