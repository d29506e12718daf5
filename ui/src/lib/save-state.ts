// The save state shown beside an open article or edition, in the reporter's words.
import { formatDateTime } from './format';
import { t } from './i18n/index.svelte';

export type SaveState<Theirs = unknown> =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; theirs: Theirs }
  | { kind: 'confirm-empty' };

export function saveStateText(s: SaveState): string {
  switch (s.kind) {
    case 'saved':
      return t('save.saved', { time: formatDateTime(s.at).slice(11) });
    case 'saving':
      return t('save.saving');
    case 'dirty':
      return t('save.dirty');
    case 'error':
      return t('save.error', { message: s.message });
    case 'conflict':
      return t('save.conflict');
    case 'confirm-empty':
      return t('save.confirmEmpty');
    default:
      return '';
  }
}
