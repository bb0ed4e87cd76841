// A leaf, so that the bench reads the figure without loading the data layer (Dexie and the rest).

/**
 * The rows one step of a search reads at most (docs/security.md "Lists and search"): the note and
 * the citizen's name are sealed, so each row read is opened in memory; the step stops there and the
 * screen offers "Tìm tiếp".
 */
export const SEARCH_WINDOW = 1_000;
