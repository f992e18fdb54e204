import { createHash } from 'node:crypto';

/** 16 lowercase hex characters of SHA-256: stable, short ids for files, workspaces and texts. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}
