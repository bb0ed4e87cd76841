// whenSettled: the offline app's install waits for the first screen to settle (docs/first-visit.md),
// yet still runs on a first visit, and at once when the page is hidden first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenSettled } from './idle';

let readyState: DocumentReadyState = 'complete';
let visibility: DocumentVisibilityState = 'visible';

function hide(): void {
  visibility = 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('whenSettled', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    readyState = 'complete';
    visibility = 'visible';
    vi.spyOn(document, 'readyState', 'get').mockImplementation(() => readyState);
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('runs the work once, the settling time after the load event and an idle period, not before', () => {
    const work = vi.fn();
    whenSettled(work, 3000);
    vi.advanceTimersByTime(3199);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(201);
    expect(work).toHaveBeenCalledTimes(1);
    hide();
    vi.advanceTimersByTime(10_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('counts the settling time from the load event while the page is still loading', () => {
    readyState = 'loading';
    const work = vi.fn();
    whenSettled(work, 3000);
    vi.advanceTimersByTime(10_000);
    expect(work).not.toHaveBeenCalled();
    readyState = 'complete';
    window.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(3199);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(201);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs the work at once, and only once, when the page is hidden before it settled', () => {
    const work = vi.fn();
    whenSettled(work, 3000);
    vi.advanceTimersByTime(500);
    hide();
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
