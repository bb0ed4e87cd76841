// Every English namespace in one chunk (docs/performance.md "Budgets"): English is the second
// language, and a phone that uses it loads it whole, once. One file compresses 7 KB (gzip) better
// than fifteen, and the precache carries every chunk. Read by the loader in i18n.ts only.
type Bundle = Record<string, unknown>;

/** Keyed by the same paths as i18n.ts's globs (this file sits beside it). */
export default import.meta.glob<Bundle>('../../../locales/en/*.json', { eager: true, import: 'default' });
