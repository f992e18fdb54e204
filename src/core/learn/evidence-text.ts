/**
 * An insight's evidence as one sentence with its numbers ("593 characters measured at 'commit', none kept
 * (0%)"), for people; the evidence object itself keeps the exact figures under their keys for export.
 * Each rule below reads the keys it knows and consumes them; a key no rule knows is written as its
 * words ("baseline sd 0.4"), so nothing in the evidence is ever dropped silently.
 */
import { count } from '../util/words';

type Evidence = Readonly<Record<string, number | string>>;
type Phrase = (e: Evidence) => string | undefined;

const num = (e: Evidence, k: string): number | undefined => (typeof e[k] === 'number' ? e[k] : undefined);
const fmt = (n: number): string => n.toLocaleString('en-US');
const some = (n: number): string => (n === 0 ? 'none' : fmt(n));

/** Phrases and the keys each one uses; a phrase is written only when its first key is present. */
const PHRASES: readonly [keys: readonly string[], phrase: Phrase][] = [
  [['charsMeasured', 'charsKept', 'checkpoint', 'keptPct'], (e) => {
    const m = num(e, 'charsMeasured');
    if (m === undefined) return undefined;
    const kept = num(e, 'charsKept');
    const at = e.checkpoint !== undefined ? ` at '${e.checkpoint}'` : '';
    const pct = num(e, 'keptPct');
    const keptPart = kept !== undefined ? `, ${some(kept)} kept` : pct !== undefined ? `, ${pct}% kept` : '';
    return `${count(m, 'character')} measured${at}${keptPart}${kept !== undefined && pct !== undefined ? ` (${pct}%)` : ''}`;
  }],
  [['keptPct', 'checkpoint'], (e) => (num(e, 'keptPct') === undefined ? undefined : `${num(e, 'keptPct')}% kept${e.checkpoint !== undefined ? ` at '${e.checkpoint}'` : ''}`)],
  [['previousKeptPct', 'previousCharsMeasured'], (e) => (num(e, 'previousKeptPct') === undefined ? undefined
    : `${num(e, 'previousKeptPct')}% before${num(e, 'previousCharsMeasured') !== undefined ? ` (of ${count(num(e, 'previousCharsMeasured')!, 'character')})` : ''}`)],
  [['dropPoints'], (e) => `down ${num(e, 'dropPoints')} points`],
  [['risePoints'], (e) => `up ${num(e, 'risePoints')} points`],
  [['tool', 'source'], (e) => `${e.tool}${e.source !== undefined ? ` (${e.source})` : ''}`],
  [['runs', 'ok', 'failed', 'successPct'], (e) => {
    const runs = num(e, 'runs');
    if (runs === undefined) return undefined;
    const ok = num(e, 'ok');
    const failed = num(e, 'failed');
    const parts = [ok !== undefined ? `${some(ok)} succeeded` : '', failed !== undefined ? `${some(failed)} failed` : ''].filter(Boolean);
    return `${count(runs, 'run')}${parts.length ? `, ${parts.join(' and ')}` : ''}${num(e, 'successPct') !== undefined ? ` (${num(e, 'successPct')}% succeeded)` : ''}`;
  }],
  [['failedPct', 'previousFailedPct', 'previousRuns'], (e) => `${num(e, 'failedPct')}% failed` +
    (num(e, 'previousFailedPct') !== undefined ? `, ${num(e, 'previousFailedPct')}% before` : '') +
    (num(e, 'previousRuns') !== undefined ? ` (of ${count(num(e, 'previousRuns')!, 'run')})` : '')],
  [['tools'], (e) => (e.tools === '' ? undefined : `test commands: ${e.tools}`)],
  [['okPct'], (e) => `${num(e, 'okPct')}% of requests succeeded`],
  [['previousOkPct'], (e) => `${num(e, 'previousOkPct')}% before`],
  [['sourceTool'], (e) => String(e.sourceTool)],
  [['avgMs'], (e) => `${fmt(Math.round(num(e, 'avgMs')! / 100) / 10)} s on average`],
  [['previousAvgMs'], (e) => `${fmt(Math.round(num(e, 'previousAvgMs')! / 100) / 10)} s before`],
  [['risePct'], (e) => `${num(e, 'risePct')}% slower`],
  [['model'], (e) => String(e.model)],
  [['costUsd', 'totalCostUsd', 'sharePct'], (e) => `$${num(e, 'costUsd')!.toFixed(2)}` +
    (num(e, 'totalCostUsd') !== undefined ? ` of $${num(e, 'totalCostUsd')!.toFixed(2)} known cost` : '') +
    (num(e, 'sharePct') !== undefined ? ` (${num(e, 'sharePct')}%)` : '')],
  [['requests', 'knownRequests'], (e) => count(num(e, 'requests')!, 'request') +
    (num(e, 'knownRequests') !== undefined ? ` of ${fmt(num(e, 'knownRequests')!)} priced` : '')],
  [['previousRequests'], (e) => `${fmt(num(e, 'previousRequests')!)} before`],
  [['models'], (e) => `models: ${e.models}`],
  [['pattern'], (e) => `pattern ${e.pattern}`],
  [['uses', 'successes', 'successPct'], (e) => `${count(num(e, 'uses')!, 'use')}` +
    (num(e, 'successes') !== undefined ? `, ${some(num(e, 'successes')!)} kept` : '') +
    (num(e, 'successPct') !== undefined ? ` (${num(e, 'successPct')}%)` : '')],
  [['avgRating', 'ratings'], (e) => `average rating ${num(e, 'avgRating')}` +
    (num(e, 'ratings') !== undefined ? ` over ${count(num(e, 'ratings')!, 'rating')}` : '')],
  [['previousAvgRating', 'previousRatings'], (e) => `${num(e, 'previousAvgRating')} before` +
    (num(e, 'previousRatings') !== undefined ? ` over ${count(num(e, 'previousRatings')!, 'rating')}` : '')],
  [['drop'], (e) => `down ${num(e, 'drop')}`],
  [['todayAvgRating', 'todayRatings'], (e) => `today ${num(e, 'todayAvgRating')}` +
    (num(e, 'todayRatings') !== undefined ? ` over ${count(num(e, 'todayRatings')!, 'rating')}` : '')],
  [['baselineAvgRating', 'baselineDays'], (e) => `your daily average ${num(e, 'baselineAvgRating')}` +
    (num(e, 'baselineDays') !== undefined ? ` over ${count(num(e, 'baselineDays')!, 'day')}` : '')],
  [['z'], (e) => `${Math.abs(num(e, 'z')!)} standard deviations ${num(e, 'z')! < 0 ? 'below' : 'above'}`],
];

/** Words of a camelCase key: `baselineSd` -> "baseline sd". */
function keyWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The evidence as one sentence ending with a full stop; '' for no evidence. */
export function evidenceSentence(evidence: Evidence): string {
  const used = new Set<string>();
  const parts: string[] = [];
  for (const [keys, phrase] of PHRASES) {
    if (evidence[keys[0]] === undefined || used.has(keys[0])) continue;
    const text = phrase(evidence);
    for (const k of keys) if (evidence[k] !== undefined) used.add(k);
    if (text) parts.push(text);
  }
  for (const [k, v] of Object.entries(evidence)) {
    if (!used.has(k)) parts.push(`${keyWords(k)} ${typeof v === 'number' ? fmt(v) : v}`);
  }
  if (parts.length === 0) return '';
  // Not capitalised: the sentence often starts with a name (npm, claude-sonnet-4) that is written in lower case.
  return `${parts.join(', ')}.`;
}
