/**
 * Second host run, in a new window (a new extension host) on the same profile and global storage:
 * the equivalent of a window reload. Runs every `*.after-reload.js` bundled beside it.
 */
import { runMatching } from './index';

export function run(): Promise<void> {
  return runMatching('.after-reload.js', 'host-reload');
}
