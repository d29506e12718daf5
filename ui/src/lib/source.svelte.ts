// The press release beside the open article: its source (core's library/sources.rs), loaded
// when an article opens, and whether the source pane is shown.
import { api } from './api';
import type { CommandError, Source } from './types';

export const sourceState = $state<{ id: string | null; current: Source | null; open: boolean }>({ id: null, current: null, open: false });

/** Loads the source of the article `id` (null: none open); the pane stays open across articles that have one. */
export async function loadSource(id: string | null, onerror: (e: CommandError) => void): Promise<void> {
  if (id === sourceState.id) return;
  sourceState.id = id;
  sourceState.current = null;
  if (!id) return;
  try {
    const s = await api.articleSource(id);
    if (sourceState.id === id) sourceState.current = s;
  } catch (e) {
    onerror(e as CommandError);
  }
}

export function toggleSource(): void {
  if (sourceState.current) sourceState.open = !sourceState.open;
}
