// Work that the first screen does not need runs when the main thread is idle, after the first
// paint (docs/first-visit.md): a long task before the first tap is what a slow phone feels.

/** Runs `work` once the browser is idle (at the latest after `timeoutMs`); returns a cancel. */
export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  // Safari before 18 has no requestIdleCallback: a timer still lets the first frame paint first.
  const handle = setTimeout(work, 200);
  return () => clearTimeout(handle);
}

/**
 * Gives the main thread back to the browser (input, paint) between two pieces of start-up work,
 * so that they are two short tasks instead of one long one.
 */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
