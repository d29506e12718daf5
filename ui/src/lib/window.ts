// The window's close request: run `beforeClose` (save what is unsaved), then let it close.
import { getCurrentWindow } from '@tauri-apps/api/window';

/** Returns a function that stops listening. Outside Tauri (tests in a browser) it does nothing. */
export function onCloseRequested(beforeClose: () => Promise<void>): () => void {
  const internals = (window as unknown as { __TAURI_INTERNALS__?: { metadata?: unknown } }).__TAURI_INTERNALS__;
  if (!internals?.metadata) return () => {};
  let stop: (() => void) | null = null;
  getCurrentWindow()
    .onCloseRequested(async () => {
      await beforeClose().catch(() => {});
    })
    .then((unlisten) => (stop = unlisten))
    .catch(() => {});
  return () => stop?.();
}
