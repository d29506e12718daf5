// The library's settings as the screens use them (the brief limits for the summary meter);
// loaded once, replaced when the settings dialog saves.
import { api } from './api';
import type { Settings } from './types';

export const settingsState = $state({ current: null as Settings | null });

export async function loadSettings(): Promise<void> {
  try {
    settingsState.current = await api.getSettings();
  } catch {
    // The meter falls back to 200 characters and 3 sentences.
  }
}
