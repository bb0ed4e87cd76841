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
 * How long after the first screen the offline app's install waits (docs/first-visit.md "The
 * offline app's install waits for the first screen").
 */
export const SETTLE_MS = 3000;

/**
 * Runs `work` once, when the first screen has settled: after the page's load event and the first
 * idle period after it (the first screen rendered), `settleMs` more, in an idle period — or at once
 * if the page is hidden before that (the visitor switched away or is closing the tab: nothing on
 * screen competes with it then).
 */
export function whenSettled(work: () => void, settleMs = SETTLE_MS): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    document.removeEventListener('visibilitychange', onHidden);
    work();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') run();
  };
  document.addEventListener('visibilitychange', onHidden);
  const afterLoad = () => whenIdle(() => setTimeout(() => whenIdle(run), settleMs));
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}

/**
 * Gives the main thread back to the browser (input, paint) between two pieces of start-up work,
 * so that they are two short tasks instead of one long one.
 */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
