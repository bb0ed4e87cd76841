// Vietnamese text helpers shared by the PWA and the server.
// Stored text is always NFC (docs/domain.md §8.9): the same word typed on different keyboards
// (Telex/VNI, iOS, Windows) may arrive precomposed or decomposed, and only NFC compares equal.
// Names are never "corrected": ethnic-minority spellings such as Ngọk, Đăk, Rơ, Kơi, Tờ are
// kept exactly as typed; only search folds them.

/** Normalises to Unicode NFC, the one form the app stores and compares. */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}

const COMBINING_MARKS = /\p{M}+/gu;
const WHITESPACE_RUN = /\s+/gu;
// 'đ' does not decompose under NFD, so it is mapped by hand. 'ð' (U+00F0) is the lower case of
// Icelandic 'Ð' (U+00D0), which legacy TCVN/VNI converters and some keyboards emit instead of
// 'Đ' (U+0110); it must fold to 'd' too.
const D_WITH_STROKE = /[đð]/gu;

/**
 * Folds text for diacritic-insensitive search: NFC → lower case → marks stripped → đ→d →
 * whitespace collapsed and trimmed. "Nguyễn Văn Đức" → "nguyen van duc", "Đăk Rơ Wa" → "dak ro wa".
 * Never store or display the result: it is a search key only.
 */
export function foldForSearch(s: string): string {
  return toNfc(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_WITH_STROKE, 'd')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * Folds (lower case, marks stripped, đ→d) character by character without changing the length of
 * NFC input, so that a position found in the folded text points at the same character of the input
 * (the privacy guard uses this to say where it found something). Every precomposed Vietnamese
 * letter decomposes to one base letter plus marks, so it folds to exactly one code unit; a
 * character whose folding would change the length (a lone combining mark, 'İ') is kept as it is.
 * Whitespace is not collapsed, unlike foldForSearch.
 */
export function foldChars(nfc: string): string {
  let out = '';
  for (const ch of nfc) {
    const folded = ch.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(D_WITH_STROKE, 'd');
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

/** Splits a query into folded tokens; an empty or blank query gives no tokens. */
export function searchTokens(query: string): string[] {
  const folded = foldForSearch(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * True when every folded token of `query` occurs somewhere in `text` (or in any of the texts, so a
 * query "vnpt dak" finds a contact whose organisation says VNPT and whose area says Đăk Mar).
 * An empty query matches everything.
 */
export function matchesSearch(text: string | readonly string[], query: string): boolean {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return true;
  const haystack = typeof text === 'string' ? foldForSearch(text) : text.map(foldForSearch).join('\n');
  return tokens.every((token) => haystack.includes(token));
}

/**
 * A URL- and id-safe slug: folded, with every run of other characters turned into one '-'.
 * "Ngọk Bay" → "ngok-bay". Distinct names can fold to the same slug ("Sơn Hà", "Sơn Hạ"): callers
 * that need unique ids must check for collisions.
 */
export function slugifyVi(s: string): string {
  return foldForSearch(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// One collator of each kind per process, built on the first comparison: building an
// Intl.Collator is slow on low-end phones (tens of milliseconds for the two), and a module that
// merely imports this file (the sync engine at start-up) must not pay for it (docs/first-visit.md).
// 'base' sensitivity ignores case and tone marks ("a" = "á") but keeps the letters Vietnamese
// treats as distinct (d < đ, e < ê, o < ô < ơ, u < ư); numeric puts "Thôn 2" before "Thôn 10".
// 'variant' is the tie-break for names equal at base level ("Sơn Hà" / "Sơn Hạ"), so that every
// phone shows the same order whatever order the records arrived in.
let collators: { base: Intl.Collator; variant: Intl.Collator } | undefined;
function viCollators(): { base: Intl.Collator; variant: Intl.Collator } {
  collators ??= {
    base: new Intl.Collator('vi', { sensitivity: 'base', numeric: true }),
    variant: new Intl.Collator('vi', { sensitivity: 'variant', numeric: true }),
  };
  return collators;
}

/** Compares in Vietnamese alphabetical order; a total, deterministic order. */
export function compareVi(a: string, b: string): number {
  const na = toNfc(a);
  const nb = toNfc(b);
  const { base: baseCollator, variant: variantCollator } = viCollators();
  const base = baseCollator.compare(na, nb);
  if (base !== 0) return base;
  const variant = variantCollator.compare(na, nb);
  if (variant !== 0) return variant;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Returns a new array sorted by `key` in Vietnamese order (the input is not changed). */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  // Compute every key once: the comparator runs O(n log n) times.
  return items
    .map((item) => ({ item, k: toNfc(key(item)) }))
    .sort((x, y) => compareVi(x.k, y.k))
    .map(({ item }) => item);
}
