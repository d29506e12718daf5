// The save state shown beside an open article or edition, in the reporter's words.
import { formatDateTime } from './format';
import { t } from './i18n/index.svelte';
import { errorText, type Refusal } from './errors';

export type SaveState<Theirs = unknown> =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  /** `explicit`: what the last Ctrl+S did (a revision, or nothing had changed); `seq` tells
   * two of them apart. */
  | { kind: 'saved'; at: string; explicit?: 'revision' | 'unchanged'; seq?: number }
  | { kind: 'error'; error: Refusal }
  | { kind: 'conflict'; theirs: Theirs }
  | { kind: 'confirm-empty' };

export function saveStateText(s: SaveState): string {
  switch (s.kind) {
    case 'saved': {
      const time = formatDateTime(s.at).slice(11);
      if (s.explicit === 'unchanged') return t('save.unchanged', { time });
      return t(s.explicit === 'revision' ? 'save.revision' : 'save.saved', { time });
    }
    case 'saving':
      return t('save.saving');
    case 'dirty':
      return t('save.dirty');
    case 'error':
      return t('save.error', { message: errorText(s.error).text });
    case 'conflict':
      return t('save.conflict');
    case 'confirm-empty':
      return t('save.confirmEmpty');
    default:
      return '';
  }
}

/** The backend's own words of a failed save, when they say more than the badge. */
export function saveStateDetail(s: SaveState): string | null {
  return s.kind === 'error' ? errorText(s.error).detail : null;
}
