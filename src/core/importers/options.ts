import { redactSecrets } from '../capture/redact';
import type { ImportSettings } from './import-protocol';
import { DEFAULT_IMPORT_OPTIONS } from './types';
import type { ImportOptions } from './types';

/** The importers' options for `settings`: defaults, secrets redacted from any stored text. The worker and the CLI use it. */
export function importOptionsFor(settings: ImportSettings): ImportOptions {
  return {
    ...DEFAULT_IMPORT_OPTIONS,
    includeText: settings.includeText,
    redact: (text) => redactSecrets(text).text,
    pricingOverrides: settings.pricingOverrides,
    ...(settings.quietMs !== undefined ? { quietMs: settings.quietMs } : {}),
  };
}
