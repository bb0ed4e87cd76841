// The floor of windowing for the log list's scroll bench (log-scroll.bench.ts), as floor-client.ts
// is the first sync's: the least a windowed list can do to scroll the app's rows. The same rows'
// markup (each row's innerHTML copied from the app's list, as the plain list does), the same
// heights, absolutely placed in a box of the app's classes and height, in the app's list's place
// in the page (the same parent, so it lays out in the same context); the rows in view and the
// app's overscan either side, found by bisection over the rows' offsets in an animation frame
// after a scroll event, as the app does; the rows leaving removed and those entering cloned from a
// prototype and inserted, by plain DOM code. No React, no state, no per-row work but the clone,
// its top and its aria-posinset. What the app's list costs beyond it is the app's own overhead
// (docs/benchmarks.md "Scrolling the log list").
import type { Page } from 'playwright-core';

export const FLOOR_LIST = 'floor-list';

/**
 * Builds the floor in the page, after the app's list and hidden (`display: none`; show() in
 * log-scroll.bench.ts swaps them), with `total` rows repeating the rows the app's list shows.
 * Returns the overscan it read from the app's list: the rows the app draws above the first row
 * in view (the app's list must be scrolled past its first rows).
 */
export async function buildFloorList(page: Page, total: number): Promise<number> {
  return page.evaluate(({ count, testId }) => {
    const app = document.querySelector<HTMLElement>('[data-testid="virtual-list"]')!;
    const appRows = [...app.querySelectorAll<HTMLElement>('[role="listitem"]')];
    // The app's overscan, from its DOM: how many of its rows lie wholly above the box's top.
    const overscan = appRows.findIndex((row) => parseFloat(row.style.top) + parseFloat(row.style.height) > app.scrollTop);
    if (overscan < 1 || appRows.length < overscan * 2 + 1) throw new Error(`the app's list shows ${appRows.length} rows, ${overscan} above the view: scroll it past its first rows before building the floor`);
    // One prototype per row of the app's window: the row's box as the app draws it, its content copied.
    const prototypes = appRows.map((row) => {
      const copy = document.createElement('div');
      copy.className = row.className;
      copy.setAttribute('role', 'listitem');
      copy.setAttribute('aria-setsize', row.getAttribute('aria-setsize') ?? '-1');
      copy.style.height = row.style.height;
      copy.innerHTML = row.innerHTML;
      return { element: copy, height: parseFloat(row.style.height) };
    });
    const offsets = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + prototypes[i % prototypes.length]!.height;
    const rowAt = (y: number) => {
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (offsets[middle]! <= y) low = middle;
        else high = middle - 1;
      }
      return low;
    };

    const box = document.createElement('div');
    box.className = app.className;
    box.dataset.testid = testId;
    box.style.height = app.style.height;
    box.style.display = 'none';
    const inner = document.createElement('div');
    inner.className = 'virtual-inner';
    inner.setAttribute('role', 'list');
    inner.setAttribute('aria-label', 'floor');
    inner.style.height = `${offsets[count]}px`;
    box.append(inner);
    const viewHeight = parseFloat(app.style.height);

    const make = (index: number) => {
      const row = prototypes[index % prototypes.length]!.element.cloneNode(true) as HTMLElement;
      row.style.top = `${offsets[index]}px`;
      row.setAttribute('aria-posinset', String(index + 1));
      return row;
    };
    // The rows drawn, rows[i] being row first + i.
    let rows: HTMLElement[] = [];
    let first = 0;
    let last = 0;
    const draw = () => {
      const top = box.scrollTop;
      const nextFirst = Math.max(0, rowAt(top) - overscan);
      const nextLast = Math.min(count, rowAt(top + viewHeight) + 1 + overscan);
      if (nextFirst === first && nextLast === last) return;
      if (nextFirst >= last || nextLast <= first) {
        for (const row of rows) row.remove();
        rows = [];
        for (let i = nextFirst; i < nextLast; i++) rows.push(inner.appendChild(make(i)));
      } else {
        for (let i = first; i < nextFirst; i++) rows[i - first]!.remove();
        for (let i = nextLast; i < last; i++) rows[i - first]!.remove();
        const kept = rows.slice(Math.max(nextFirst, first) - first, Math.min(nextLast, last) - first);
        const above: HTMLElement[] = [];
        for (let i = nextFirst; i < first; i++) above.push(inner.insertBefore(make(i), kept[0]!));
        const below: HTMLElement[] = [];
        for (let i = last; i < nextLast; i++) below.push(inner.appendChild(make(i)));
        rows = [...above, ...kept, ...below];
      }
      first = nextFirst;
      last = nextLast;
    };
    let frame = 0;
    box.addEventListener('scroll', () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
    }, { passive: true });
    app.after(box);
    draw();
    return overscan;
  }, { count: total, testId: FLOOR_LIST });
}
