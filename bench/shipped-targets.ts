/**
 * What the import benches time, in one module so that `bench/shipped.ts` can bundle it as the extension ships its
 * workers: the importers' entry, the intent memo's reset, and the plain-parse references.
 */
import { importFile } from '../src/core/importers/run-import';
import { resetIntentMemo } from '../src/core/learn/intent-memo';
import { parseClineDocument, parseDocument, parseLines } from './plain-parse';
import { sqliteReference } from './plain-parse-sqlite';

export const TARGETS = { importFile, resetIntentMemo, parseLines, parseDocument, parseClineDocument, sqliteReference };
export type Targets = typeof TARGETS;
