import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

// The workflow cannot run on this machine; this reads it as GitHub would, so a broken file fails here.
const workflow = parse(readFileSync(join(process.cwd(), '.github', 'workflows', 'ci.yml'), 'utf8')) as {
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>;
};

describe('the CI workflow', () => {
  const [job] = Object.values(workflow.jobs);

  it('runs on Ubuntu, macOS and Windows with Node 22', () => {
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const node = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(22);
  });

  it('runs npm test under xvfb-run on Linux, so the electron project has a display, and plainly elsewhere', () => {
    const tests = job.steps.filter((step) => step.run?.includes('npm test'));
    expect(tests.map((step) => [step.if, step.run])).toEqual([
      ["runner.os == 'Linux'", 'xvfb-run --auto-servernum npm test'],
      ["runner.os != 'Linux'", 'npm test'],
    ]);
    expect(job.steps.findIndex((step) => step.run === 'npm ci')).toBeLessThan(job.steps.indexOf(tests[0]));
  });
});
