import type { Finding } from './types';

/** Where a finding points, for people: `story 3 "Title", line 42`, or '' when it is about the bank. */
export function findingPlace(finding: Finding): string {
  const parts: string[] = [];
  if (finding.story) parts.push(`story ${finding.story.number} "${finding.story.title}"`);
  if (finding.line !== undefined) parts.push(`line ${finding.line}`);
  return parts.join(', ');
}
