/**
 * Cleaning of the text columns that leave the machine. Most are enum-like already (language id, origin,
 * checkpoint, intent, tool id); the free-form ones are a tool run's name (the first word of a terminal command,
 * which can be a script's path) and a model name read from a log. A value that could carry a path, a prompt or
 * code becomes a short safe label: a path keeps only its last segment, anything else odd becomes `other`.
 */
import { shortHash } from '../util/hash';

/** The label a value becomes when nothing of it is safe to share. */
export const OTHER = 'other';

const SAFE = /^[A-Za-z0-9][\w.@:+-]{0,63}$/;
/** Model names like `openrouter/anthropic/claude-sonnet-4` have slashes but no spaces, dots-slash or roots. */
const SAFE_MODEL = /^[A-Za-z0-9][\w.@:+-]*(\/[A-Za-z0-9][\w.@:+-]*){0,3}$/;

function lastSegment(value: string): string {
  const parts = value.split(/[\\/]+/).filter((p) => p.length > 0);
  return parts.at(-1) ?? '';
}

/** True when `value` looks like a file-system path (absolute, home-relative, relative, or Windows). */
export function looksLikePath(value: string): boolean {
  return /^(\/|~|\.{1,2}[\\/]|[A-Za-z]:[\\/]|\\\\)/.test(value) || value.includes('\\');
}

/** A tool run's name, fit to share: `./scripts/deploy.sh` -> `deploy.sh`, `npm` -> `npm`, anything else -> `other`. */
export function cleanToolName(value: string): string {
  const v = looksLikePath(value) || value.includes('/') ? lastSegment(value) : value;
  return SAFE.test(v) ? v : OTHER;
}

/** A model name, fit to share: provider prefixes kept, paths and free text replaced. */
export function cleanModel(value: string): string {
  if (value === '') return '';
  if (looksLikePath(value)) return OTHER;
  return value.length <= 100 && SAFE_MODEL.test(value) ? value : OTHER;
}

/** Any other label column (language, origin, intent, source tool, checkpoint, text-change label). */
export function cleanLabel(value: string): string {
  if (value === '') return '';
  return SAFE.test(value) && !looksLikePath(value) ? value : OTHER;
}

/** The cleaner for column `column` of any team table. */
export function cleanerFor(column: string): (value: string) => string {
  if (column === 'tool') return cleanToolName;
  if (column === 'model') return cleanModel;
  // Local ids are mostly hashes already, but some tools give ids of their own: hashed, the key stays stable and unique.
  if (column === 'local_id') return shortHash;
  return cleanLabel;
}
