/**
 * Test-only extension, loaded by the host tier beside the extension under test (never packaged): registers three
 * deterministic language models under the vendor `ala-test` through `vscode.lm.registerLanguageModelChatProvider`
 * (final in VS Code 1.104):
 * - `ala-good` streams a known answer with a code block, in three parts;
 * - `ala-slow` answers only after two minutes (longer than any participant timeout), or stops when cancelled;
 * - `ala-fail` throws a quota error (`LanguageModelError.Blocked` where the host has it).
 * Its exports record every request (model, the messages' text, whether it was cancelled) for the tests.
 */
import * as vscode from 'vscode';

/** The answer `ala-good` streams; the tests compare against it. */
export const GOOD_ANSWER_PARTS = [
  'Here is a debounce helper:\n\n',
  '```ts\nexport function debounce(fn: () => void, ms: number): () => void {\n  let t: ReturnType<typeof setTimeout> | undefined;\n',
  '  return () => {\n    clearTimeout(t);\n    t = setTimeout(fn, ms);\n  };\n}\n```\n',
];
const SLOW_MS = 120_000;

interface ModelInfo {
  id: string; name: string; family: string; version: string; maxInputTokens: number; maxOutputTokens: number;
  capabilities: { toolCalling?: boolean };
}
interface RequestMessage { role: number; content: readonly unknown[] }
interface Provider {
  provideLanguageModelChatInformation(options: { silent: boolean }, token: vscode.CancellationToken): ModelInfo[];
  provideLanguageModelChatResponse(model: ModelInfo, messages: readonly RequestMessage[], options: unknown,
    progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Promise<void>;
  provideTokenCount(model: ModelInfo, text: string | RequestMessage, token: vscode.CancellationToken): Promise<number>;
}
interface LmProviderApi { registerLanguageModelChatProvider(vendor: string, provider: Provider): vscode.Disposable }

export interface RecordedRequest { model: string; text: string; cancelled: boolean; at: number }
export interface TestModelsApi {
  registered: boolean;
  requests: RecordedRequest[];
  /** How the provider's failing model fails next: a quota error (default) or a plain error. */
  failWith: 'quota' | 'error';
}

const MODELS: ModelInfo[] = ['good', 'slow', 'fail'].map((k) => ({
  id: `ala-${k}`, name: `ALA ${k}`, family: `ala-${k}`, version: '1', maxInputTokens: 32_000, maxOutputTokens: 4_000,
  capabilities: { toolCalling: false },
}));

function messageText(m: RequestMessage): string {
  return m.content.map((p) => (p && typeof p === 'object' && 'value' in p && typeof p.value === 'string' ? p.value : '')).join('');
}

function sleep(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { sub.dispose(); resolve(true); }, ms);
    const sub = token.onCancellationRequested(() => { clearTimeout(timer); sub.dispose(); resolve(false); });
  });
}

function quotaError(): Error {
  const ctor = (vscode as unknown as { LanguageModelError?: { Blocked(message?: string): Error } }).LanguageModelError;
  return ctor ? ctor.Blocked('quota exceeded for ala-fail (test model)') : new Error('quota exceeded for ala-fail (test model)');
}

export function activate(): TestModelsApi {
  const api: TestModelsApi = { registered: false, requests: [], failWith: 'quota' };
  const lm = vscode.lm as unknown as Partial<LmProviderApi>;
  if (!lm.registerLanguageModelChatProvider) return api;
  const Part = (vscode as unknown as { LanguageModelTextPart: new (value: string) => unknown }).LanguageModelTextPart;
  lm.registerLanguageModelChatProvider('ala-test', {
    provideLanguageModelChatInformation: () => MODELS,
    async provideLanguageModelChatResponse(model, messages, _options, progress, token) {
      const rec: RecordedRequest = { model: model.id, text: messages.map(messageText).join('\n'), cancelled: false, at: Date.now() };
      api.requests.push(rec);
      if (model.id === 'ala-fail') throw api.failWith === 'quota' ? quotaError() : new Error('internal error in ala-fail (test model)');
      if (model.id === 'ala-slow' && !(await sleep(SLOW_MS, token))) {
        rec.cancelled = true;
        return;
      }
      for (const part of GOOD_ANSWER_PARTS) {
        if (token.isCancellationRequested) { rec.cancelled = true; return; }
        progress.report(new Part(part));
        await sleep(20, token);
      }
    },
    provideTokenCount: (_model, text) => Promise.resolve(Math.ceil((typeof text === 'string' ? text : messageText(text)).length / 4)),
  });
  api.registered = true;
  return api;
}
