/**
 * Vault paths in one order on every machine: by UTF-16 code unit, the order the vault loads them
 * in (of two files with one id, the first wins). Not `localeCompare`: a locale's collation differs
 * from machine to machine and user to user, which would number an export's stories differently,
 * and its first use in a page starts ICU's collator, about 25 ms of the board's start-up.
 */
export function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
