import * as vscode from 'vscode';
import { MAX_INSTRUCTION_CHARS, type RoutingMode } from '../../core/route/strategy';

/** `aiLearning.chat.*`, typed and clamped; read per request (cheap). */
export interface ChatSettings {
  /** A model with no first part of its answer after this long is stopped and the next one tried. */
  timeoutMs: number;
  /** Put the user's proven patterns into the prompt (an A/B test of pattern injection overrides it per request). */
  injectPatterns: boolean;
  /** Show the token and cost estimate before a request of at least this many tokens (input + expected output). */
  estimateAboveTokens: number;
  /** Ask before sending a request of at least `estimateAboveTokens` (the estimate and a "Send" button). */
  confirmLarge: boolean;
  /** `learned`: @learn ranks the models; `default`: the model selected in the chat answers (an accepted routing test). */
  routing: RoutingMode;
  /** Put before every request (an accepted prompt-variant test); '' none. */
  instruction: string;
  /** Route only among models of these vendors (`LanguageModelChat.vendor`, e.g. `copilot`); empty: every model. */
  vendors: string[];
}

export function readChatSettings(): ChatSettings {
  const c = vscode.workspace.getConfiguration('aiLearning');
  const num = (key: string, dflt: number, min: number, max: number): number => {
    const v = c.get<number>(key, dflt);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : dflt;
  };
  return {
    timeoutMs: num('chat.timeoutSeconds', 60, 1, 600) * 1000,
    injectPatterns: c.get<boolean>('chat.injectPatterns', true),
    estimateAboveTokens: num('chat.estimateAboveTokens', 8000, 0, 10_000_000),
    confirmLarge: c.get<boolean>('chat.confirmLargeRequests', true) !== false,
    routing: c.get<string>('chat.routing', 'learned') === 'default' ? 'default' : 'learned',
    instruction: String(c.get<string>('chat.instruction', '') ?? '').slice(0, MAX_INSTRUCTION_CHARS),
    vendors: vendorList(c.get<unknown>('chat.vendors', [])),
  };
}

function vendorList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/**
 * The models @learn may route among: every chat model VS Code offers, or only those of `aiLearning.chat.vendors`
 * (one `selectChatModels` call per vendor; the API's selector takes a single vendor).
 */
export async function routableModels(vendors = readChatSettings().vendors): Promise<vscode.LanguageModelChat[]> {
  if (vendors.length === 0) return vscode.lm.selectChatModels();
  const lists = await Promise.all(vendors.map((vendor) => vscode.lm.selectChatModels({ vendor })));
  return lists.flat();
}
