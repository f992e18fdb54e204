/**
 * "Export Learning Data" and "Delete All Data": thin handlers over `StoreClient`. The UI calls go through
 * `StoreCommandUi` (backed by `vscode.window` in `./ui.ts`) so the handlers stay small and testable.
 */
import type { StoreClient } from '../../core/store/client';
import type { ExportSummary } from '../../core/store/export';
import { dataFiles, removeDataFiles } from '../../core/store/data-files';
import type { DataLocations } from '../../core/store/data-files';

/** The few window interactions the two commands need. */
export interface StoreCommandUi {
  /** A folder chosen by the user, or undefined when cancelled. */
  pickFolder(): Promise<string | undefined>;
  /** Runs `task` under a progress notification; `report` takes a message and a percentage increment. */
  withProgress<T>(title: string, task: (report: (message: string, increment: number) => void) => Promise<T>): Promise<T>;
  /** A modal question; the action chosen, or undefined when cancelled. */
  choose(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  info(message: string): void;
  error(message: string): void;
}

/** Command handler: every table as JSON and CSV into a folder the user picks. */
export async function exportLearningData(
  client: Pick<StoreClient, 'exportAll'>, ui: StoreCommandUi,
): Promise<ExportSummary | undefined> {
  const dir = await ui.pickFolder();
  if (!dir) return undefined;
  try {
    const summary = await ui.withProgress('Exporting learning data', async (report) => {
      let shown = 0;
      return client.exportAll(dir, (done, total, table) => {
        const pctDone = total > 0 ? Math.floor((done / total) * 100) : 100;
        report(`${table} (${done} of ${total} rows)`, pctDone - shown);
        shown = pctDone;
      });
    });
    ui.info(`Exported ${summary.tables.length} tables (${summary.totalRows} rows, JSON and CSV) to ${summary.dir}`);
    return summary;
  } catch (err) {
    ui.error(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/**
 * The importers as Delete All Data sees them (the `aiLearning.importers.<source>` settings): the AI tools'
 * logs stay on disk, and an importer that is on reads them again at the next start.
 */
export interface ImporterSwitch {
  /** Labels of the sources whose importer is on. */
  enabled(): string[];
  /** Turns every source's importer off. */
  turnAllOff(): Promise<void>;
}

/** What Delete All Data reaches besides the store. */
export interface DeleteOptions {
  /** Where the other files the extension wrote lie (`dataFiles`). */
  locations?: DataLocations;
  importers?: ImporterSwitch;
  /** Drops state held in memory that would be written to disk again (capture's survival tracking). */
  forget?: () => void;
}

export const DELETE_ACTION = 'Delete All Data';
export const DELETE_AND_STOP_ACTION = 'Delete and Turn Importers Off';

/** The confirmation's detail: what goes, and what comes back at the next start unless importers are off. */
function deleteDetail(on: string[]): string {
  const what = 'This removes the database, its snapshots and the event journals of every window, and the other files the extension wrote (such as survival tracking), from this machine. It cannot be undone. Export first if you want a copy.';
  if (on.length === 0) return `${what} The importers are off: nothing is imported again.`;
  return `${what}\n\nThe AI tools' own logs are not touched: ${on.length} importer(s) are on (${on.join(', ')}) and will import those logs again at the next start, or when a tool writes to its log. Choose "${DELETE_AND_STOP_ACTION}" to turn every importer off now (Settings, AI Learning Analytics, Importers).`;
}

/**
 * Command handler: after a modal confirmation, removes database, snapshots and journals (the store worker),
 * then every other file the extension wrote at `locations` (`dataFiles`), and says so. When importers are on,
 * the confirmation says the logs will be imported again and offers to turn every importer off first (before
 * the store goes, so a watcher cannot re-import into the emptied store).
 */
export async function deleteAllData(client: Pick<StoreClient, 'deleteAll'>, ui: StoreCommandUi, opts: DeleteOptions = {}): Promise<boolean> {
  const { locations, importers } = opts;
  const on = importers?.enabled() ?? [];
  const choice = await ui.choose(
    'Delete all AI Learning Analytics data?', deleteDetail(on), on.length > 0 ? [DELETE_ACTION, DELETE_AND_STOP_ACTION] : [DELETE_ACTION],
  );
  if (choice === undefined) return false;
  try {
    const stopped = choice === DELETE_AND_STOP_ACTION && importers !== undefined;
    if (stopped) await importers.turnAllOff();
    opts.forget?.();
    const { removedFiles } = await client.deleteAll();
    const other = locations ? removeDataFiles(dataFiles(locations)) : { removed: 0, failed: [] };
    if (other.failed.length > 0) {
      ui.error(`Deleted the store, but could not remove ${other.failed.length} other file(s): ${other.failed.join(', ')}`);
      return false;
    }
    const next = stopped
      ? ' Every importer is now off; turn one on again in Settings (AI Learning Analytics, Importers).'
      : on.length > 0 ? ` The AI tools' logs still on disk will be imported again at the next start (${on.join(', ')}).` : '';
    ui.info(`Deleted all AI Learning Analytics data: the database, its snapshots and journals (${removedFiles} files) and ${other.removed} other file(s) such as survival tracking. Recording continues into an empty store.${next}`);
    return true;
  } catch (err) {
    ui.error(`Delete failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
