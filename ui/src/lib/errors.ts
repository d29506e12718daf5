// What the backend refused, in the interface's language. Core writes its refusals in English
// (`CommandError {kind, message}`); a refusal a reporter can meet (a field over its limit, an
// image that is not one, a style book with a broken line…) is recognised and said in the
// i18n files' words, anything else by its kind. In the Korean interface the original English
// sentence is kept only as a detail (folded away); in the English one it is the text itself
// when nothing more specific is known.
import { i18n, t } from './i18n/index.svelte';
import type { MessageKey } from './i18n/en';
import type { ErrorKind } from './types';

/** What the UI has of a refusal: a `CommandError` or anything with a kind and a message. */
export type Refusal = { kind: ErrorKind | string; message: string; remote?: string };

export type Said = { text: string; detail: string | null };

/** Core's field names (`model/limits.rs`) and what the reporter calls them. */
const FIELDS: Record<string, MessageKey> = {
  headline: 'error.field.headline',
  deck: 'editor.deck',
  summary: 'inspector.summary',
  'byline name': 'inspector.bylineName',
  'byline e-mail': 'inspector.bylineEmail',
  section: 'inspector.section',
  language: 'inspector.language',
  tag: 'error.field.tag',
  title: 'roundup.title',
  'edition date': 'roundup.date',
  'lead headline': 'roundup.leadHeadline',
  transition: 'roundup.transition',
  outlet: 'roundup.outlet',
  'sign-off e-mail': 'roundup.email',
  'brief headline': 'error.field.briefHeadline',
  'brief summary': 'error.field.briefSummary',
  'brief link': 'error.field.briefLink',
};

type Known = { key: MessageKey; params?: (m: RegExpMatchArray) => Record<string, string> };

const KNOWN: [RegExp, Known][] = [
  [/^(.+) is too long \(at most ([\d,]+) characters\)$/, { key: 'error.tooLong', params: (m) => ({ field: field(m[1]), max: m[2] }) }],
  [/^an article can have at most (\d+) tags$/, { key: 'error.tooManyTags', params: (m) => ({ max: m[1] }) }],
  [/^an edition holds at most (\d+) briefs; this one has (\d+)$/, { key: 'error.tooManyBriefs', params: (m) => ({ max: m[1], count: m[2] }) }],
  [/is too large to save \(over 24 MB\)$/, { key: 'error.tooLarge' }],
  [/^this save would replace the text with an empty one/, { key: 'error.wouldEmpty' }],
  [/^this file is not a PNG, JPEG, GIF or WebP image$/, { key: 'error.notImage' }],
  [/^the image is larger than 20 MB$/, { key: 'error.imageTooLarge' }],
  [/^the image is empty$/, { key: 'error.imageEmpty' }],
  [/^the logo image is not in the library/, { key: 'error.logoMissing' }],
  [/^the style book was not changed: line (\d+), column (\d+)/, { key: 'error.styleBookLine', params: (m) => ({ line: m[1], column: m[2] }) }],
  [/^the style book was not changed/, { key: 'error.styleBook' }],
  [/^the style book is too large/, { key: 'error.styleBookTooLarge' }],
  [/^the headline limit is 1 to 500 characters$/, { key: 'error.headlineLimit' }],
  [/^a brief's limit is 1 to 2,000 characters and 1 to 20 sentences$/, { key: 'error.briefLimit' }],
  [/^the edition date .* is not a date/, { key: 'error.editionDate' }],
  // Length goals (core's model/length_goal.rs) and the source of an article.
  [/^a length goal is 1 to ([\d,]+) (characters|pages)$/, { key: 'error.goalRange', params: (m) => ({ max: m[1] }) }],
  [/^line (\d+) of the section goals/, { key: 'error.sectionGoalsLine', params: (m) => ({ line: m[1] }) }],
  [/^this article was not made from a press release/, { key: 'error.noSource' }],
  [/^the stored press release file .* is damaged/, { key: 'error.sourceDamaged' }],
  [/^this article was changed elsewhere/, { key: 'error.kind.conflict' }],
  // Files refused by an import (core's import/files.rs).
  [/^the file is empty$/, { key: 'error.import.empty' }],
  [/^the file has no text to import$/, { key: 'error.import.noText' }],
  [/^this is a folder, not a file$/, { key: 'error.import.folder' }],
  [/^this is not an ordinary file/, { key: 'error.import.notOrdinary' }],
  [/^there is no such file or folder$/, { key: 'error.import.missing' }],
  [/^Newsdesk is not allowed to read it$/, { key: 'error.import.denied' }],
  [/^the file is ([\d.]+) MB; Newsdesk imports files up to 20 MB$/, { key: 'error.import.tooLarge', params: (m) => ({ mb: m[1] }) }],
  [/^Newsdesk cannot import \.(\S+) files/, { key: 'error.import.format', params: (m) => ({ ext: m[1] }) }],
  [/^the file name has no extension/, { key: 'error.import.noExtension' }],
  [/^this is not a text file/, { key: 'error.import.binary' }],
  [/EUC-KR/, { key: 'error.import.legacy' }],
  [/^the file has no edition text to import$/, { key: 'error.import.noEdition' }],
  [/^the file is too large for an edition/, { key: 'error.import.editionTooLarge' }],
  // Press releases refused by their readers (core's import/release/).
  [/^this PDF has no text to read: it looks like a scan/, { key: 'error.release.scan' }],
  [/^the PDF is protected with a password/, { key: 'error.release.pdfPassword' }],
  [/^the HWP document is protected with a password/, { key: 'error.release.hwpPassword' }],
  [/^this is a distribution \(배포용\) HWP document/, { key: 'error.release.distribution' }],
  [/^this is not a .+ of version 5/, { key: 'error.release.oldHwp' }],
  [/^the e-mail has (\d+) attachments; Newsdesk reads e-mails with up to (\d+)/, { key: 'error.release.attachments', params: (m) => ({ count: m[1], max: m[2] }) }],
  [/unpacks to more than Newsdesk reads/, { key: 'error.release.bomb' }],
  [/^this is not a PDF file/, { key: 'error.release.notPdf' }],
  [/^this is not (a|an) [^:]+: /, { key: 'error.release.notThat' }],
  [/^the .+? is (damaged|too large to read|nested too deeply)/, { key: 'error.release.damaged' }],
];

const KINDS: Record<string, MessageKey> = {
  invalid: 'error.kind.invalid',
  not_found: 'error.kind.not_found',
  conflict: 'error.kind.conflict',
  not_a_library: 'error.kind.not_a_library',
  too_new: 'error.kind.too_new',
  file: 'error.kind.file',
  read_only: 'error.kind.read_only',
  needs_upgrade: 'error.kind.needs_upgrade',
  database: 'error.kind.database',
  remote: 'error.kind.remote',
  permission: 'error.kind.permission',
  io: 'error.kind.io',
  unknown: 'error.kind.unknown',
};

function field(name: string): string {
  const key = FIELDS[name];
  return key ? t(key) : name;
}

/** A known refusal's words for `message`, if it is one. */
function known(message: string): string | null {
  for (const [re, k] of KNOWN) {
    const m = message.match(re);
    // A field core names that the UI does not know is not put in Korean half-English.
    if (!m || (k.key === 'error.tooLong' && !FIELDS[m[1]])) continue;
    const text = t(k.key, k.params?.(m) ?? {});
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return null;
}

/** The refusal in the interface's language, and the backend's own sentence as a detail
 * when that is not what the text says. A file's refusal (`PATH: reason`) keeps the file's
 * name in front of the reason's words. */
export function errorText(e: Refusal): Said {
  const message = String(e.message ?? '');
  const detail = i18n.lang === 'en' ? null : message;
  // A site or mail server that refused or never answered: its failure, in the reporter's words.
  if (e.kind === 'remote' && e.remote) {
    return { text: t(`error.remote.${e.remote}` as MessageKey), detail: message || null };
  }
  const whole = known(message);
  if (whole) return { text: whole, detail };
  if (e.kind === 'file') {
    for (let at = message.indexOf(': '); at > 0; at = message.indexOf(': ', at + 1)) {
      const reason = known(message.slice(at + 2));
      if (reason) return { text: `${message.slice(0, at).split('/').pop()}: ${reason}`, detail };
    }
  }
  if (i18n.lang === 'en' && message) return { text: message, detail: null };
  return { text: t(KINDS[e.kind] ?? 'error.kind.unknown'), detail: message || null };
}
