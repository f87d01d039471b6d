#!/usr/bin/env node
// `npm test`: build, static checks, unit tests (Vitest), end-to-end tests (Playwright, web and
// electron projects). Every suite runs even if an earlier one failed; the last line is the total.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', FORCE_COLOR: '0' };

function run(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  // On Windows npm and npx are .cmd files, which Node runs only through a shell.
  const { status } = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  console.log(
    `=== ${name}: ${status === 0 ? 'ok' : `exit ${status}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return status === 0;
}

function count(name, passed, failed, skipped) {
  results.push({ name, passed, failed, skipped });
}

mkdirSync('test-results', { recursive: true });

// The build is what the end-to-end tests and the out/ checks run against.
const built = run('build', 'npx', ['electron-vite', 'build']);
count('build', built ? 1 : 0, built ? 0 : 1, 0);

for (const [name, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['format', 'format:check'],
]) {
  const ok = run(name, 'npm', ['run', '--silent', script]);
  count(name, ok ? 1 : 0, ok ? 0 : 1, 0);
}

const unitReport = 'test-results/unit.json';
rmSync(unitReport, { force: true });
const unitOk = run('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitReport}`,
]);
if (existsSync(unitReport)) {
  const report = JSON.parse(readFileSync(unitReport, 'utf8'));
  count(
    'unit',
    report.numPassedTests,
    report.numFailedTests + (unitOk || report.numFailedTests ? 0 : 1),
    report.numPendingTests + report.numTodoTests,
  );
} else count('unit', 0, 1, 0);

const e2eReport = 'test-results/e2e.json';
rmSync(e2eReport, { force: true });
const e2eOk = run('e2e', 'npx', ['playwright', 'test']);
if (existsSync(e2eReport)) {
  const report = JSON.parse(readFileSync(e2eReport, 'utf8'));
  const { stats } = report;
  printSkipReasons(report);
  count('e2e', stats.expected, stats.unexpected + stats.flaky + (e2eOk || stats.unexpected ? 0 : 1), stats.skipped);
} else count('e2e', 0, 1, 0);

function printSkipReasons(report) {
  const reasons = new Map();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'skipped') continue;
        const reason = t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        const key = `[${t.projectName}] ${reason}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  for (const [key, n] of reasons) console.log(`skipped ${n} e2e test(s) ${key}`);
}

console.log('\nSuites:');
for (const r of results)
  console.log(`  ${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
