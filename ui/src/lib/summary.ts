// The summary's length meter: the roundup's soft limit is 3 sentences and 200 characters.
export const SUMMARY_MAX_CHARS = 200;
export const SUMMARY_MAX_SENTENCES = 3;

/** Sentences end with . ! ? (or their full-width forms) or 다. and similar, followed by space or the end. */
export function countSentences(text: string): number {
  const trimmed = text.trim();
  if (!trimmed) return 0;
  const ends = trimmed.match(/[.!?。！？…]+(?=["'”’)\]]*(\s|$))/g);
  return Math.max(1, ends?.length ?? 0);
}

export function summaryMeter(
  text: string,
  maxChars = SUMMARY_MAX_CHARS,
  maxSentences = SUMMARY_MAX_SENTENCES,
): { chars: number; sentences: number; over: boolean } {
  const chars = [...new Intl.Segmenter('ko', { granularity: 'grapheme' }).segment(text.trim())].length;
  const sentences = countSentences(text);
  return { chars, sentences, over: chars > maxChars || sentences > maxSentences };
}
