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
  /** A modal confirmation; true only when `action` was chosen. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
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
 * Command handler: after a modal confirmation, removes database, snapshots and journals (the store worker),
 * then every other file the extension wrote at `locations` (`dataFiles`), and says so.
 */
export async function deleteAllData(
  client: Pick<StoreClient, 'deleteAll'>, ui: StoreCommandUi, locations?: DataLocations,
): Promise<boolean> {
  const ok = await ui.confirm(
    'Delete all AI Learning Analytics data?',
    'This removes the database, its snapshots and the event journals of every window from this machine. It cannot be undone. Export first if you want a copy.',
    'Delete All Data',
  );
  if (!ok) return false;
  try {
    const { removedFiles } = await client.deleteAll();
    const other = locations ? removeDataFiles(dataFiles(locations)) : { removed: 0, failed: [] };
    if (other.failed.length > 0) {
      ui.error(`Deleted the store, but could not remove ${other.failed.length} other file(s): ${other.failed.join(', ')}`);
      return false;
    }
    ui.info(`Deleted all AI Learning Analytics data: the database, its snapshots and journals (${removedFiles} files) and ${other.removed} other file(s) such as survival tracking. Recording continues into an empty store.`);
    return true;
  } catch (err) {
    ui.error(`Delete failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
