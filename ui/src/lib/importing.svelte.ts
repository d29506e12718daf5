// Importing files in the window: "Import…" (the open dialog, in Rust) and files dropped onto
// the window (the drop is handled in Rust, which says so with events). Both end in one
// report: what came in, and each file refused with its reason; the first piece that came in
// is opened.
import { api } from './api';
import type { ImportReport, Kind } from './types';

export const importing = $state({
  /** Files read so far and in all, while an import runs. */
  progress: null as { done: number; total: number } | null,
  running: false,
  report: null as ImportReport | null,
});

/** What a running import is doing: reading files, or, once every file has arrived, building
 *  the search index for them (a large import then merges it: minutes for 100,000 files). */
export function importStage(progress: { done: number; total: number } | null): 'reading' | 'indexing' {
  return progress !== null && progress.total > 0 && progress.done >= progress.total ? 'indexing' : 'reading';
}

let open: ((id: string, kind: Kind) => void) | null = null;
let refresh: (() => Promise<void> | void) | null = null;

async function finished(report: ImportReport) {
  importing.running = false;
  importing.progress = null;
  importing.report = report;
  await refresh?.();
  const first = report.imported[0];
  if (first) open?.(first.id, first.kind);
}

/** Follows imports for the library pane: `onopen` opens a piece, `onrefresh` re-reads the
 * list. Returns the function that stops following. */
export async function followImports(onopen: (id: string, kind: Kind) => void, onrefresh: () => Promise<void> | void): Promise<() => void> {
  open = onopen;
  refresh = onrefresh;
  const stops = await Promise.all([
    api.onImportProgress((p) => (importing.progress = p)),
    api.onImportStarted(() => {
      importing.running = true;
      importing.report = null;
    }),
    api.onImportFinished((r) => void finished(r)),
  ]).catch(() => []);
  return () => {
    for (const stop of stops) stop();
    open = null;
    refresh = null;
  };
}

/** "Import…": asks for files, imports them; throws what the backend refused. */
export async function importFromDialog(): Promise<void> {
  importing.report = null;
  importing.running = true;
  try {
    const report = await api.importFiles();
    if (report) await finished(report);
  } finally {
    importing.running = false;
    importing.progress = null;
  }
}

export function dismissImport(): void {
  importing.report = null;
}
