// Which letter a shortcut was pressed with, whatever the keyboard layout's mode: with the
// Korean layout in Hangul mode, Ctrl+S arrives as `key: "ㄴ"` (or `"Process"` while a syllable
// is being composed), so a key that is not a Latin letter is read from its physical `code`.

/** The shortcut letter of `e`, lower case (`"s"` for Ctrl+S in any input mode). */
export function shortcutKey(e: KeyboardEvent): string {
  if (/^[a-z]$/i.test(e.key)) return e.key.toLowerCase();
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  return e.key.toLowerCase();
}

/** True for Ctrl (⌘ on a Mac) held with the key. */
export function withMod(e: KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey;
}
