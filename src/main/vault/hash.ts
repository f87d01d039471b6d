import { hash } from 'node:crypto';

/** sha-256 of the text or bytes, hex; one call, without a Hash object per file (a vault hashes thousands). */
export function contentHash(bytes: string | Buffer): string {
  return hash('sha256', bytes, 'hex');
}
