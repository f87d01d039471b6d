import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The assignment this app serves, where the curriculum keeps it beside the repository (not in a clone elsewhere). */
export const SEED_PATH = join(ROOT, '..', 'shared', 'seed', 'interview-story-bank.md');
/** A copy of the assignment's example story, so the tests read it wherever the repository is cloned. */
const FIXTURE_PATH = join(ROOT, 'test', 'fixtures', 'seed-example-story.md');

/** The assignment's ```markdown example block, when the assignment is beside the repository. */
export function seedExampleFromAssignment(): string | null {
  if (!existsSync(SEED_PATH)) return null;
  const block = /```markdown\r?\n([\s\S]*?)```/.exec(readFileSync(SEED_PATH, 'utf8'));
  if (!block) throw new Error(`${SEED_PATH} has no \`\`\`markdown example block`);
  return block[1];
}

/** The assignment's own example story, exactly as it stands there (a copy in test/fixtures). */
export function seedExample(): string {
  return readFileSync(FIXTURE_PATH, 'utf8');
}
