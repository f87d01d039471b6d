import { STORY_ID_PATTERN } from './story';
import { storyFileName } from './storyFileName';

/** A path-safe id made from a title ("Cutting failover with Raft" → "cutting-failover-with-raft"). */
export function idFromTitle(title: string): string {
  const slug = storyFileName(title, new Set()).replace(/\.md$/, '').slice(0, 64).replace(/-+$/, '');
  return STORY_ID_PATTERN.test(slug) ? slug : 'story';
}

/** An id not in `taken`: the wanted one, or it with -2, -3, … (kept within 64 characters). */
export function uniqueId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const id = `${wanted.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
}
