import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ROOT, expect, test } from './fixtures';

const DELIVERABLE = join('week-23', 'day5-interview-story-bank.md');

function cliCheck(path: string): number | null {
  return spawnSync(process.execPath, [join(APP_ROOT, 'bin', 'story-bank.js'), 'check', path], { encoding: 'utf8' })
    .status;
}

test.describe('export and import in the app', () => {
  test('Export writes and commits the deliverable, which story-bank check passes', async ({ app, vault }) => {
    await app.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = app.getByTestId('export-dialog');
    await expect(dialog.getByRole('heading', { name: 'Exported: all five criteria pass' })).toBeVisible();
    await expect(dialog.getByTestId('export-path')).toHaveText('week-23/day5-interview-story-bank.md');
    await expect(dialog.getByTestId('check-result').getByRole('listitem')).toHaveCount(5);
    await expect(dialog.getByTestId('export-git')).toContainText('committed as "export: interview story bank"');
    expect(cliCheck(join(vault, DELIVERABLE))).toBe(0);
    const subject = execFileSync('git', ['log', '-1', '--format=%s'], { cwd: vault, encoding: 'utf8' }).trim();
    expect(subject).toBe('export: interview story bank');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('a deliverable Story Bank never wrote is shown as a difference and replaced only when asked', async ({
    app,
    vault,
  }) => {
    const path = join(vault, DELIVERABLE);
    const handMade = '# My own title, typed by hand\n\nA bank I started before Story Bank.\n';
    await mkdir(join(vault, 'week-23'), { recursive: true });
    await writeFile(path, handMade);
    const dialog = app.getByTestId('export-dialog');

    await app.keyboard.press('Control+e');
    await expect(dialog.getByRole('heading', { name: 'The deliverable was edited by hand' })).toBeVisible();
    await expect(dialog.getByTestId('diff')).toContainText('-# My own title, typed by hand');
    await dialog.getByRole('button', { name: 'Keep my edits' }).click();
    expect(await readFile(path, 'utf8')).toBe(handMade);

    await app.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('button', { name: 'Overwrite with the export' }).click();
    await expect(dialog.getByRole('heading', { name: 'Exported: all five criteria pass' })).toBeVisible();
    expect(await readFile(path, 'utf8')).toContain('# Interview Story Bank');
    const kept = execFileSync('git', ['show', `HEAD~1:${DELIVERABLE}`], { cwd: vault, encoding: 'utf8' });
    expect(kept).toBe(handMade);
  });

  test('Import adds the stories of a markdown file as new cards, changing nothing else', async ({
    app,
    vault,
  }, info) => {
    const answer = info.outputPath('answer.md');
    await writeFile(
      answer,
      [
        '# Mentoring a new teammate through their first on-call week',
        '',
        '**Competency:** Collaboration',
        '**Situation:** A new teammate joined the week before their first on-call shift.',
        '**Task:** Get them ready to handle pages alone.',
        '**Action:** I paired with them on three past incidents and wrote a one-page runbook.',
        '**Result:** They resolved 4 of 4 pages alone that week.',
        '**Metric:** 4 of 4 pages resolved without escalation',
        '**Tradeoff:** I evaluated shadowing only and a written guide only, chose pairing because it builds judgement, accepting that it took 6 hours of my week.',
      ].join('\n'),
    );
    const before = await readFile(join(vault, 'stories', '01-replicating-attestations-with-raft.md'), 'utf8');
    await app.getByRole('button', { name: 'Import…' }).click();
    await app.getByTestId('import-files').setInputFiles(answer);
    const dialog = app.getByTestId('import-dialog');
    await expect(dialog.getByRole('heading', { name: 'Imported 1 story' })).toBeVisible();
    await expect(dialog).toContainText('stories/01-mentoring-a-new-teammate-through-their-first-on-call-week.md');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(
      app.getByRole('button', { name: 'Mentoring a new teammate through their first on-call week' }),
    ).toBeVisible();
    const text = await readFile(
      join(vault, 'stories', '01-mentoring-a-new-teammate-through-their-first-on-call-week.md'),
      'utf8',
    );
    expect(text).toContain('competency: collaboration');
    expect(text).toContain('## Action\n\nI paired with them on three past incidents and wrote a one-page runbook.\n');
    expect(await readFile(join(vault, 'stories', '01-replicating-attestations-with-raft.md'), 'utf8')).toBe(before);
  });

  test('Import lists the lines it did not import, with their line numbers', async ({ app }, info) => {
    const bank = info.outputPath('bank.md');
    await writeFile(
      bank,
      [
        'Drafts for my interview loop.',
        '',
        '## Choosing a message broker',
        '',
        '**Situation:** Two teams were about to build their own queues.',
        '**Task:** Pick one broker for both.',
        '**Action:** I compared three brokers and chose the managed one.',
        '**Result:** Both teams shipped on it within 30 days.',
      ].join('\n'),
    );
    await app.getByRole('button', { name: 'Import…' }).click();
    await app.getByTestId('import-files').setInputFiles(bank);
    const dialog = app.getByTestId('import-dialog');
    await expect(dialog.getByRole('heading', { name: 'Imported 1 story' })).toBeVisible();
    await expect(dialog.getByTestId('import-set-aside')).toHaveText('bank.md:1: Drafts for my interview loop.');
  });
});
