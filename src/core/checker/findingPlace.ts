import type { Finding } from './types';

/**
 * Where a finding points, for people: `story 3 "Title", line 42` in a deliverable, `story 3
 * "Title", stories/raft.md:42` in a vault, or '' when it is about the bank.
 */
export function findingPlace(finding: Finding): string {
  const parts: string[] = [];
  if (finding.story) parts.push(`story ${finding.story.number} "${finding.story.title}"`);
  if (finding.file) parts.push(finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`);
  else if (finding.line !== undefined) parts.push(`line ${finding.line}`);
  return parts.join(', ');
}
