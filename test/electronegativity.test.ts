import { cp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyMeta } from '../src/main/security/contentSecurityPolicy';
import { tempDir } from './helpers/tempDir';

/**
 * Electronegativity (Doyensec's Electron security scanner) over the shipped source, as a gate: a
 * HIGH or MEDIUM finding fails unless docs/security.md explains it in its "explained findings"
 * table, and a row there that no longer matches a finding fails too, so the explanations and the
 * scan cannot drift apart. Offline: the one check that downloads Electron's release list is left
 * out (dependency currency is `npm audit`'s job), and a failed translation download is harmless.
 */
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  description: string;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  issues: Finding[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

const SECURITY_DOC = join(process.cwd(), 'docs', 'security.md');
const SECTION = '## Electronegativity: explained findings';

/** The rows of the explained-findings table: check id, file (relative to the repository), why. */
export function explainedFindings(markdown: string): Array<{ check: string; file: string; why: string }> {
  const start = markdown.indexOf(SECTION);
  if (start < 0) throw new Error(`docs/security.md has no "${SECTION}" section`);
  const body = markdown.slice(start + SECTION.length).split(/\n## /)[0];
  return [...body.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$/gm)].map((match) => ({
    check: match[1],
    file: match[2],
    why: match[3].trim(),
  }));
}

/** The source as it ships (tests left out), with index.html carrying the CSP the build puts in. */
async function scanTarget(): Promise<string> {
  const root = await tempDir('story-bank-electronegativity-');
  await cp(join(process.cwd(), 'src'), join(root, 'src'), {
    recursive: true,
    filter: (path) => !/\.test\.ts$/.test(path),
  });
  await writeFile(
    join(root, 'src', 'renderer', 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicyMeta()}" /></head><body></body></html>`,
  );
  await cp(join(process.cwd(), 'package.json'), join(root, 'package.json'));
  return root;
}

describe('Electronegativity', () => {
  it('finds nothing HIGH or MEDIUM that docs/security.md does not explain, and every explanation still matches', async () => {
    const run = require('@doyensec/electronegativity') as Run;
    const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8'));
    const electronVersion = String(pkg.devDependencies.electron).replace(/^[^\d]*/, '');
    const quiet = console.log;
    console.log = () => {}; // the scanner reports a failed translation download on stdout
    let result: ScanResult;
    try {
      result = await run({
        input: await scanTarget(),
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      });
    } finally {
      console.log = quiet;
    }

    // A file the scanner could not parse is a file it did not check.
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(30);

    const gated = result.issues.filter((issue) => ['HIGH', 'MEDIUM'].includes(issue.severity.name));
    const explained = explainedFindings(await readFile(SECURITY_DOC, 'utf8'));
    for (const row of explained) expect(row.why.length, `${row.check} ${row.file} needs a reason`).toBeGreaterThan(20);
    const key = (check: string, file: string) => `${check} ${file}`;
    const explainedKeys = new Set(explained.map((row) => key(row.check, row.file)));
    const foundKeys = new Set(gated.map((issue) => key(issue.id, issue.file)));

    const unexplained = gated
      .filter((issue) => !explainedKeys.has(key(issue.id, issue.file)))
      .map(
        (issue) => `${issue.severity.name} ${key(issue.id, issue.file)}:${issue.location.line} ${issue.description}`,
      );
    expect(unexplained, 'findings to fix, or to explain in docs/security.md').toEqual([]);
    const stale = explained.filter((row) => !foundKeys.has(key(row.check, row.file))).map((r) => key(r.check, r.file));
    expect(stale, 'explanations in docs/security.md that match no finding any more').toEqual([]);

    console.log(
      `Electronegativity ${result.globalChecks} global + ${result.atomicChecks} atomic checks: ` +
        `${result.issues.length} findings, ${gated.length} HIGH/MEDIUM, all explained in docs/security.md`,
    );
  });

  it('reads the explained-findings table', () => {
    const doc = [
      '# x',
      SECTION,
      '',
      '| check | file | why |',
      '|---|---|---|',
      '| `SANDBOX_JS_CHECK` | `src/main/electron/index.ts` | the options come from windowOptions() |',
      '',
      '## Next',
      '| `NOT_THIS` | `x.ts` | another section |',
    ].join('\n');
    expect(explainedFindings(doc)).toEqual([
      { check: 'SANDBOX_JS_CHECK', file: 'src/main/electron/index.ts', why: 'the options come from windowOptions()' },
    ]);
    expect(() => explainedFindings('# nothing')).toThrow(/no "## Electronegativity/);
  });
});
