// A leaf, so that the bench can read the figure without importing the data layer (whose session
// and vault channels would keep a Node process from exiting).

/**
 * The rows one step of a search reads at most (docs/security.md "Lists and search"): the note and
 * the citizen's name are sealed, so each row read is opened in memory; the step stops there and the
 * screen offers "Tìm tiếp".
 */
export const SEARCH_WINDOW = 1_000;
