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

/** The texts remembered at most; typing makes one per keystroke. */
const KNOWN_MAX = 400;

/** Sentences of `text` as core counts them, or null until core has answered. While the
 * answer is on its way, the count of the text one keystroke before stands in for it. */
export function sentenceCount(text: string): number | null {
  const t = text.trim();
  if (!t) return 0;
  if (t in known) return known[t];
  if (Object.keys(known).length > KNOWN_MAX) {
    for (const k of Object.keys(known)) delete known[k];
    asked.clear();
  }
  ask(t);
  const before = [...t].slice(0, -1).join('').trim();
  return before in known ? known[before] : null;
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
