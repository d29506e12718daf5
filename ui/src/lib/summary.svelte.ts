// The summary's length meter against the outlet's soft limit (the roundup's default: 3
// sentences and 200 characters). Sentences are counted by core (`count_sentences`, the
// same splitter the pre-flight uses), asked for in one batch per moment and remembered.
import { api } from './api';

export const SUMMARY_MAX_CHARS = 200;
export const SUMMARY_MAX_SENTENCES = 3;

const known = $state<Record<string, number>>({});
const asked = new Set<string>();
let batch: string[] = [];

function ask(text: string): void {
  if (asked.has(text)) return;
  asked.add(text);
  batch.push(text);
  if (batch.length > 1) return;
  queueMicrotask(async () => {
    const texts = batch;
    batch = [];
    try {
      const counts = await api.countSentences(texts);
      texts.forEach((t, i) => (known[t] = counts[i]));
    } catch {
      // Not counted this time: asked again at the next change.
      texts.forEach((t) => asked.delete(t));
    }
  });
}

/** Sentences of `text` as core counts them, or null until core has answered. */
export function sentenceCount(text: string): number | null {
  const t = text.trim();
  if (!t) return 0;
  if (t in known) return known[t];
  ask(t);
  return null;
}

export function summaryMeter(
  text: string,
  maxChars = SUMMARY_MAX_CHARS,
  maxSentences = SUMMARY_MAX_SENTENCES,
): { chars: number; sentences: number | string; over: boolean } {
  const chars = [...text.trim()].length;
  const sentences = sentenceCount(text);
  return { chars, sentences: sentences ?? '…', over: chars > maxChars || (sentences ?? 0) > maxSentences };
}
