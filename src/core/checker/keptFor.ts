import { deepFreeze } from '../deepFreeze';

/**
 * What `compute` gives for `owner`, kept with it when it is frozen: a frozen story cannot change,
 * so what was found in it still holds the next time the bank is checked. The vault hands out
 * frozen stories that are the same objects while their files are unchanged (see
 * src/main/vault/parsedStories.ts), so checking 1,000 of them again costs lookups, not the regular
 * expressions and word counts of every section. Anything not frozen is computed every time.
 * `name` tells apart the results kept for one owner (and the options they were computed with).
 */
const kept = new WeakMap<object, Map<string, unknown>>();

export function keptFor<T>(owner: object, name: string, compute: () => T): T {
  if (!Object.isFrozen(owner)) return compute();
  let byName = kept.get(owner);
  if (!byName) kept.set(owner, (byName = new Map()));
  if (byName.has(name)) return byName.get(name) as T;
  // Frozen, as it is handed to every later check of the same story.
  const value = deepFreeze(compute());
  byName.set(name, value);
  return value;
}
