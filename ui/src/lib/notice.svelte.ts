// A short word in the status bar for a key that had nothing to act on (Ctrl+S with nothing
// open): kept as a message key, so it follows the language switch, and gone after a while.
import type { MessageKey } from './i18n/en';

export const notice = $state({ key: null as MessageKey | null, seq: 0 });
let timer: ReturnType<typeof setTimeout> | undefined;

export function notify(key: MessageKey, ms = 5000): void {
  clearTimeout(timer);
  notice.key = key;
  notice.seq += 1;
  timer = setTimeout(() => (notice.key = null), ms);
}
