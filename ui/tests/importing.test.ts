import { describe, expect, it } from 'vitest';
import { importStage } from '../src/lib/importing.svelte';

describe('importStage', () => {
  it('reads files until the last has arrived, then says the index is being built', () => {
    expect(importStage(null)).toBe('reading');
    expect(importStage({ done: 0, total: 3 })).toBe('reading');
    expect(importStage({ done: 2, total: 3 })).toBe('reading');
    expect(importStage({ done: 3, total: 3 })).toBe('indexing');
    // Nothing to import (a folder without readable files): no index to wait for.
    expect(importStage({ done: 0, total: 0 })).toBe('reading');
  });
});
