// The console's Vietnamese strings in one chunk (docs/performance.md "Budgets"): its screens, the
// reference lists and the guides' editor are opened only from the console, so their strings load
// together (1.2 KB gzip less than three files). Read by the loader in i18n.ts only.
type Bundle = Record<string, unknown>;

/** Keyed by the same paths as i18n.ts's globs (this file sits beside it). */
export default import.meta.glob<Bundle>('../../../locales/vi/{console,reference,guides}.json', { eager: true, import: 'default' });
