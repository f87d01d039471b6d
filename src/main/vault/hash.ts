import { createHash } from 'node:crypto';

export function contentHash(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
