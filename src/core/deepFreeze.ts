/**
 * Freezes `value` and everything it holds, and returns it. For what is shared instead of copied
 * (the vault's kept parses, what the checker keeps for a frozen story): no holder can change
 * what the next one gets, and one that tries throws.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
