import * as vscode from 'vscode';
import { DEFAULT_CAPTURE_CONFIG, type CaptureConfig, type CaptureLevel } from '../../core/capture/types';

/** `aiLearning.capture.*` and `aiLearning.privacy.*` as the capture core's `CaptureConfig`. */
export function readCaptureConfig(): CaptureConfig {
  const c = vscode.workspace.getConfiguration('aiLearning');
  const level = c.get<string>('privacy.captureLevel', DEFAULT_CAPTURE_CONFIG.level);
  const globs = c.get<unknown>('privacy.excludeGlobs', DEFAULT_CAPTURE_CONFIG.excludeGlobs);
  const idle = c.get<number>('capture.idleMinutes', DEFAULT_CAPTURE_CONFIG.idleMinutes);
  return {
    level: (level === 'text' ? 'text' : 'metadata') satisfies CaptureLevel,
    excludeGlobs: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string') : DEFAULT_CAPTURE_CONFIG.excludeGlobs,
    idleMinutes: Number.isFinite(idle) ? Math.min(240, Math.max(1, idle)) : DEFAULT_CAPTURE_CONFIG.idleMinutes,
  };
}
