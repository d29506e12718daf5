import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver } from '../src/lib/autosave';

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves 1.5 s after the last keystroke, once', async () => {
    const save = vi.fn(async () => {});
    const a = new Autosaver(save, { now: () => Date.now() });
    a.touch();
    await vi.advanceTimersByTimeAsync(1000);
    a.touch();
    await vi.advanceTimersByTimeAsync(1400);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(save).toHaveBeenCalledTimes(1);
    expect(a.dirty).toBe(false);
  });

  it('saves at least every 10 s of continuous typing', async () => {
    const save = vi.fn(async () => {});
    const a = new Autosaver(save, { now: () => Date.now() });
    for (let t = 0; t < 10500; t += 500) {
      a.touch();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('waits for an open composition to end', async () => {
    const save = vi.fn(async () => {});
    let composing = true;
    const a = new Autosaver(save, { composing: () => composing, now: () => Date.now() });
    a.touch();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
    composing = false;
    await vi.advanceTimersByTimeAsync(150);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('stays dirty when a save fails, and tries again on flush', async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error('disk full');
    });
    const a = new Autosaver(save, { now: () => Date.now() });
    a.touch();
    await expect(a.flush()).rejects.toThrow('disk full');
    expect(a.dirty).toBe(true);
    fail = false;
    await a.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(a.dirty).toBe(false);
  });

  it('does not save when nothing changed', async () => {
    const save = vi.fn(async () => {});
    await new Autosaver(save).flush();
    expect(save).not.toHaveBeenCalled();
  });
});
