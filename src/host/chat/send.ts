import * as vscode from 'vscode';
import { classifyFailure, type FailureKind } from '../../core/route/fallback';

/** What one model did with a request. */
export interface SendResult {
  text: string;
  failure?: FailureKind;
  error?: unknown;
  firstTokenMs?: number;
  elapsedMs: number;
}

/**
 * Sends `messages` to `model` and streams the answer into `onText` as it arrives. A model that gives no first part
 * within `timeoutMs` is stopped (its request cancelled) and reported as a `timeout`; one that throws is classified
 * by `classifyFailure` (quota, refusal, error, cancelled); one whose whole answer is a refusal is a `refusal`.
 * The user's cancellation (`token`) ends it as `cancelled`.
 */
export async function sendOnce(
  model: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], timeoutMs: number,
  token: vscode.CancellationToken, onText: (part: string) => void,
): Promise<SendResult> {
  const started = performance.now();
  const cts = new vscode.CancellationTokenSource();
  const userCancel = token.onCancellationRequested(() => cts.cancel());
  let timedOut = false;
  let firstTokenMs: number | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    cts.cancel();
  }, timeoutMs);
  let text = '';
  try {
    const response = await model.sendRequest(messages, { justification: 'Answers your @learn request with the model that worked best for this kind of task.' }, cts.token);
    for await (const part of response.text) {
      if (firstTokenMs === undefined) {
        firstTokenMs = performance.now() - started;
        clearTimeout(timer);
      }
      text += part;
      onText(part);
    }
    const elapsedMs = performance.now() - started;
    if (timedOut && firstTokenMs === undefined) return { text, failure: 'timeout', elapsedMs };
    if (token.isCancellationRequested) return { text, failure: 'cancelled', elapsedMs, ...(firstTokenMs !== undefined ? { firstTokenMs } : {}) };
    const refusal = classifyFailure(undefined, elapsedMs, text);
    return { text, elapsedMs, ...(refusal ? { failure: refusal } : {}), ...(firstTokenMs !== undefined ? { firstTokenMs } : {}) };
  } catch (error) {
    const elapsedMs = performance.now() - started;
    const failure: FailureKind = token.isCancellationRequested ? 'cancelled' : timedOut ? 'timeout' : (classifyFailure(error, elapsedMs) ?? 'error');
    return { text, failure, error, elapsedMs, ...(firstTokenMs !== undefined ? { firstTokenMs } : {}) };
  } finally {
    clearTimeout(timer);
    userCancel.dispose();
    cts.dispose();
  }
}
