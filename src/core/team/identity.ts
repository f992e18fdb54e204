/**
 * The machine part of a push's key: a hash of the host name and the store folder, never the raw machine id.
 * The extension and the CLI compute it from the same store folder, so a store pushed by both is one machine
 * (idempotent upserts), not two copies of the same figures.
 */
import path from 'node:path';
import { shortHash } from '../util/hash';

export function machineKey(hostname: string, storeDir: string): string {
  return shortHash(`${hostname}\n${path.resolve(storeDir)}`);
}
