import * as vscode from 'vscode';
import { compatibleLanguages, SUPPORTED_LANGUAGES } from '../../core/patterns/files';
import type { SearchArgs, SearchHitDto } from '../../core/patterns/protocol';
import { lensSummary, qualifies } from '../../core/patterns/ranking';
import type { Log } from '../log';
import { queryText, scanAnchors, unitEnd, type LensAnchor } from '../../core/patterns/anchors';
import { isSelfOrRelated } from '../../core/patterns/lens-self';
import type { PatternSettings } from './settings';

/** What a lens click hands to the insert command. */
export interface InsertArgs {
  uri: string;
  /** Document version the anchor was found in. */
  version: number;
  anchor: LensAnchor;
  hits: SearchHitDto[];
  /** Insert this pattern without asking (tests, the search picker). */
  patternId?: string;
}

/** Patterns shown per lens. */
const SHOWN = 5;
/** Extra hits asked for, so filtering the unit itself and held-back patterns still leaves `SHOWN`. */
const EXTRA = 10;
const CACHE_MAX = 400;

class PatternLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly uri: vscode.Uri, readonly version: number, readonly anchor: LensAnchor) {
    super(range);
  }
}

/** Lens results of one search: what is shown and how many were held back. */
interface LensResult {
  shown: SearchHitDto[];
  heldBack: number;
}

/**
 * "N similar patterns · best kept X%" lenses. `provideCodeLenses` only scans lines; the search runs in
 * `resolveCodeLens`, cached per (document version, line, kind). `reset()` drops the cache and tells VS Code
 * to ask again; the owner calls it when the library or a ranking setting changed.
 */
export class PatternLensProvider implements vscode.CodeLensProvider<PatternLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly cache = new Map<string, Promise<LensResult>>();
  /** Units (document, kind, name) whose search found nothing: no lens is provided for them. */
  private readonly knownEmpty = new Set<string>();
  private changedTimer: NodeJS.Timeout | undefined;
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly search: (args: SearchArgs) => Promise<SearchHitDto[]>,
    private readonly settings: () => PatternSettings,
    private readonly insertCommand: string,
    private readonly log: Log,
  ) {}

  provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): PatternLens[] {
    if (!SUPPORTED_LANGUAGES.includes(doc.languageId)) return [];
    const anchors = scanAnchors(doc.getText(), this.settings().codeLensOnTodos);
    if (token.isCancellationRequested) return [];
    return anchors
      .filter((a) => !this.knownEmpty.has(unitKey(doc.uri, a)))
      .map((a) => new PatternLens(new vscode.Range(a.line, 0, a.line, 0), doc.uri, doc.version, a));
  }

  async resolveCodeLens(lens: PatternLens, token: vscode.CancellationToken): Promise<PatternLens> {
    let result: LensResult;
    try {
      result = await this.lookup(lens);
    } catch (error) {
      this.log.error('patterns: lens search failed', error);
      lens.command = { title: 'patterns unavailable', command: '', tooltip: 'See the "AI Learning Analytics" output.' };
      return lens;
    }
    if (token.isCancellationRequested) return lens;
    const s = this.settings();
    const summary = lensSummary(result.shown.map((h) => h.pattern), result.heldBack, s.minSuccessRate);
    if (!result.shown.length) {
      // No lens that says "no similar patterns": this unit is remembered as having none (until the library
      // changes) and VS Code is asked for the lenses again, which then leave it out.
      this.knownEmpty.add(unitKey(lens.uri, lens.anchor));
      this.scheduleChanged();
      lens.command = { title: '', command: '' };
      return lens;
    }
    const args: InsertArgs = { uri: lens.uri.toString(), version: lens.version, anchor: lens.anchor, hits: result.shown };
    lens.command = { title: summary.title, tooltip: summary.tooltip, command: this.insertCommand, arguments: [args] };
    return lens;
  }

  /** Forget cached results and have VS Code ask again. */
  reset(): void {
    this.cache.clear();
    this.knownEmpty.clear();
    this.changed.fire();
  }

  /** Units whose lens found nothing to offer (the `resolveCodeLens` answers of a second count). */
  get emptyUnits(): number {
    return this.knownEmpty.size;
  }

  dispose(): void {
    clearTimeout(this.changedTimer);
    this.cache.clear();
    this.changed.dispose();
  }

  /** One `onDidChangeCodeLenses` for a burst of empty results. */
  private scheduleChanged(): void {
    if (this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = undefined;
      this.changed.fire();
    }, 250);
  }

  private lookup(lens: PatternLens): Promise<LensResult> {
    const key = `${lens.uri.toString()}@${lens.version}#${lens.anchor.line}:${lens.anchor.kind}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.run(lens);
      // A failed search is not remembered: the next resolve tries again.
      hit.catch(() => this.cache.delete(key));
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async run(lens: PatternLens): Promise<LensResult> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === lens.uri.toString());
    const lines = doc ? doc.getText().split(/\r?\n/) : [];
    const query = doc ? queryText(lines, lens.anchor) : '';
    if (!query.trim()) return { shown: [], heldBack: 0 };
    const unitText = lines.slice(lens.anchor.line, (lens.anchor.endLine ?? unitEnd(lines, lens.anchor.line)) + 1).join('\n');
    const s = this.settings();
    const language = doc?.languageId ?? 'typescript';
    const hits = await this.search({ query, k: SHOWN + EXTRA, languages: compatibleLanguages(language), minRelevance: s.minRelevance });
    const others = hits.filter((h) => lens.anchor.kind === 'todo' || !isSelfOrRelated(h.pattern, lens.anchor, unitText, lens.uri.fsPath));
    const ok = others.filter((h) => qualifies(h.pattern, s.minSuccessRate));
    return { shown: ok.slice(0, SHOWN), heldBack: others.length - ok.length };
  }
}

/** A unit of a document, stable across edits: its kind and name (or a TODO's words). */
function unitKey(uri: vscode.Uri, a: LensAnchor): string {
  return `${uri.toString()}#${a.kind}:${a.container ?? ''}.${a.name ?? a.todo ?? a.line}`;
}
