import type { ImportSummary } from './import-protocol';
import { count } from '../util/words';

/** The lines of a summary for the notification and the log. */
export function describeSummary(s: ImportSummary, labels: Record<string, string>): string {
  const parts = Object.entries(s.bySource).map(([src, v]) => `${labels[src] ?? src}: ${count(v.records, 'record')} from ` +
    `${count(v.changedFiles, 'changed file')}${v.files > v.changedFiles ? ` (${v.files - v.changedFiles} unchanged)` : ''}`);
  const skipped = s.skipped > 0 ? `; skipped ${count(s.skipped, 'line')} (see the log)` : '';
  const rejected = s.rejected > 0 ? `; rejected ${count(s.rejected, 'absurd value')}, the rest of their records kept (see the log)` : '';
  const pending = (s.pending?.length ?? 0) > 0 ? `${count(s.pending!.length, 'file')} still being written: read again once quiet` : '';
  const sentences = [`${count(s.records, 'record')} from ${count(s.files, 'file')}${skipped}${rejected}`, parts.join('; '), pending].filter(Boolean);
  return `${s.cancelled ? 'Import cancelled. ' : ''}${sentences.join('. ')}.`;
}
