/** Deterministic event generators for store tests and the benchmark (every kind, realistic mix). */
import type { RecordedEvent } from '../../../src/core/model/events';
import { rng } from '../../../src/core/util/random';

export { rng };

const LANGS = ['typescript', 'python', 'javascript', 'go', 'markdown'];
const TOOLS = ['npm', 'git', 'pytest', 'tsc', 'jest'];
const MODELS = ['gpt-4o', 'claude-sonnet-4', 'o3-mini'];
const CHECKS = ['30s', '2m', '5m', '10m', '15m'] as const;


/** One event of every kind (ids derived from `tag`). */
export function everyKind(tag: string, ts: number): RecordedEvent[] {
  return [
    { kind: 'session', ts, id: `s-${tag}`, phase: 'start', workspaceHash: 'w'.repeat(16) },
    { kind: 'text_change', ts, session: `s-${tag}`, fileHash: 'f'.repeat(16), language: 'typescript', label: 'typed', precision: 'strong', charsAdded: 10, charsRemoved: 1, linesAdded: 1, count: 3 },
    { kind: 'ai_insertion', ts, id: `ins-${tag}`, origin: 'inline', tool: 'copilot', fileHash: 'f'.repeat(16), language: 'typescript', chars: 120, lines: 4, precision: 'exact', confidence: 1, textHash: 'a'.repeat(16) },
    { kind: 'survival', ts: ts + 30_000, insertionId: `ins-${tag}`, checkpoint: '30s', charsKept: 100, charsTotal: 120 },
    { kind: 'commit', ts, hash: `c${tag}`.padEnd(40, '0'), repoHash: 'r'.repeat(16), branch: 'main', filesChanged: 2, linesAdded: 10, linesRemoved: 3, aiLines: 4 },
    { kind: 'tool_run', ts, tool: 'npm', source: 'terminal', success: true, exitCode: 0, durationMs: 1500, isTest: true, externalId: `tr-${tag}` },
    { kind: 'ai_interaction', ts, id: `ai-${tag}`, sourceTool: 'claude-code', interaction: 'chat', intent: 'debugging', model: 'claude-sonnet-4', tokensIn: 1000, tokensOut: 200, cacheReadTokens: 50, cacheWriteTokens: 5, costUsd: 0.01, success: true, vote: 1, latencyMs: 900 },
    { kind: 'feedback', ts, id: `fb-${tag}`, rating: 4, tags: ['helpful'], text: 'good' },
    { kind: 'context', ts, what: 'focus', language: 'typescript', openEditors: 3 },
    { kind: 'pattern', ts, id: `p-${tag}`, op: 'upsert', name: 'retry', language: 'typescript', tags: ['async'], complexity: 4, lines: 12, code: 'function retry() {}', fingerprint: 'fp' },
    { kind: 'pattern_usage', ts, id: `pu-${tag}`, patternId: `p-${tag}`, action: 'inserted' },
    { kind: 'import_cursor', ts, source: 'claude-code', fileKey: `file-${tag}`, size: 100, mtimeMs: ts, offset: 100 },
    { kind: 'learning', ts, id: `l-${tag}`, what: 'model_performance', data: { model: 'x', ema: 0.5 } },
    { kind: 'commit_attribution', ts, sourceTool: 'cursor', hash: `c${tag}`.padEnd(40, '0'), linesAdded: 10, aiLinesAdded: 6, tabLinesAdded: 2, composerLinesAdded: 4, humanLinesAdded: 3, blankLinesAdded: 1 },
  ];
}

/** The benchmark's mix (50% text changes, 18% insertions, 15% tool runs, ...), event `i` at time `ts`. */
export function mixEvent(r: () => number, i: number, ts: number): RecordedEvent {
  const x = r();
  const language = LANGS[Math.floor(r() * LANGS.length)];
  if (x < 0.5) {
    return { kind: 'text_change', ts, session: 'sess', fileHash: '0123456789abcdef', language, label: x < 0.4 ? 'typed' : 'paste', precision: 'strong', charsAdded: Math.floor(r() * 200), charsRemoved: Math.floor(r() * 20), linesAdded: 2, count: 4 };
  }
  if (x < 0.68) {
    return { kind: 'ai_insertion', ts, session: 'sess', id: `ins${i}`, origin: x < 0.6 ? 'inline' : 'chat', tool: 'copilot', fileHash: '0123456789abcdef', language, chars: Math.floor(r() * 400), lines: 5, precision: 'exact', confidence: 0.9, textHash: 'fedcba9876543210' };
  }
  if (x < 0.78) {
    return { kind: 'survival', ts, insertionId: `ins${i - 1 - Math.floor(r() * 50)}`, checkpoint: CHECKS[Math.floor(r() * CHECKS.length)], charsKept: Math.floor(r() * 100), charsTotal: 100 };
  }
  if (x < 0.93) {
    return { kind: 'tool_run', ts, session: 'sess', tool: TOOLS[Math.floor(r() * TOOLS.length)], source: 'terminal', success: r() < 0.8, exitCode: 0, durationMs: Math.floor(r() * 5000) };
  }
  if (x < 0.99) {
    return { kind: 'ai_interaction', ts, session: 'sess', id: `ai${i}`, sourceTool: 'copilot-chat', interaction: 'chat', intent: 'code_generation', model: MODELS[Math.floor(r() * MODELS.length)], tokensIn: 1200, tokensOut: 300, latencyMs: 800, success: true, ...(r() < 0.5 ? { costUsd: 0.002 } : {}) };
  }
  return { kind: 'commit', ts, hash: `h${i}x`.padEnd(40, '0'), repoHash: 'abcdefabcdefabcd', filesChanged: 3, linesAdded: 40, linesRemoved: 5, aiLines: 10 };
}
