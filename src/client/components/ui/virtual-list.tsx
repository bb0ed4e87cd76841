// A small windowing list: only the rows in view (plus a few either side) are in the DOM, so 20,000
// logs scroll as smoothly as 20 on a 2 GB phone. Each row's height is known from its content
// before it is drawn (`rowHeight` as a function: a log without a citizen is shorter than one with a
// phone to reveal), so the list never measures the DOM and never jumps; the rows' offsets are one
// running sum, searched by bisection on every scroll frame. The list scrolls inside its own box,
// sized to the space left above the bottom navigation. A scroll frame re-renders the list only when
// the window of rows changes, and then only the rows entering it: a row already shown is memoized
// (docs/performance.md "Scrolling the log list").
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import './virtual-list.css';

const OVERSCAN = 6;
const NAV_AND_MARGIN_PX = 64 + 16;
const MIN_HEIGHT_PX = 280;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** One height for every row, or each row's height from its content (keep the function stable). */
  rowHeight: number | ((item: T) => number);
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Total known, or -1 while more pages may come (aria-setsize). */
  setSize: number;
  label: string;
  /** Called when the last rows come into view: load the next page. */
  onEndReached?: () => void;
  /** A click anywhere in the list (one handler for every row's links, rather than one per row). */
  onClick?: (event: MouseEvent<HTMLDivElement>) => void;
}

/** offsets[i] is row i's top; offsets[items.length] the list's full height. */
export function rowOffsets<T>(items: readonly T[], rowHeight: number | ((item: T) => number)): Float64Array {
  const offsets = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) offsets[i + 1] = offsets[i]! + (typeof rowHeight === 'number' ? rowHeight : rowHeight(items[i]!));
  return offsets;
}

/** The row under the vertical position `y` (the last row when `y` is past the end). */
export function rowAt(offsets: Float64Array, y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}

/** The rows drawn for a scroll position: those in view and OVERSCAN either side. */
function windowAt(offsets: Float64Array, count: number, scrollTop: number, height: number): { first: number; last: number } {
  return { first: Math.max(0, rowAt(offsets, scrollTop) - OVERSCAN), last: Math.min(count, rowAt(offsets, scrollTop + height) + 1 + OVERSCAN) };
}

interface RowProps<T> {
  item: T;
  index: number;
  top: number;
  height: number;
  setSize: number;
  renderRow: (item: T, index: number) => ReactNode;
}

/**
 * One row, rendered again only when its own props change: without it every scroll frame rendered
 * every row in the window (a log row's link, date and translated outcome), which on one core was
 * most of the script time of a step.
 */
const VirtualRow = memo(function VirtualRow<T>({ item, index, top, height, setSize, renderRow }: RowProps<T>): ReactElement {
  return (
    <div role="listitem" aria-posinset={index + 1} aria-setsize={setSize} className="virtual-row" style={{ top, height }}>
      {renderRow(item, index)}
    </div>
  );
}) as <T>(props: RowProps<T>) => ReactElement;

export function VirtualList<T>({ items, rowHeight, getKey, renderRow, setSize, label, onEndReached, onClick }: VirtualListProps<T>): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(MIN_HEIGHT_PX * 2);
  const offsets = useMemo(() => rowOffsets(items, rowHeight), [items, rowHeight]);

  // Fill the viewport below the list's top edge (recomputed on resize and rotation).
  useLayoutEffect(() => {
    const measure = () => {
      const el = box.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(MIN_HEIGHT_PX, window.innerHeight - top - NAV_AND_MARGIN_PX));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const { first, last } = windowAt(offsets, items.length, scrollTop, height);

  useEffect(() => {
    if (onEndReached && items.length > 0 && last >= items.length - OVERSCAN) onEndReached();
  }, [last, items.length, onEndReached]);

  // What the last render drew, for the frame callback (a render may come between a scroll event and its frame).
  const drawn = useRef({ offsets, count: items.length, height, first, last });
  useLayoutEffect(() => {
    drawn.current = { offsets, count: items.length, height, first, last };
  });

  const frame = useRef(0);
  const onScroll = () => {
    // At most one state update per animation frame, however many scroll events arrive, and none
    // while the same rows stay in the window (a finger moves a few px a frame).
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const top = box.current?.scrollTop;
      if (top === undefined) return;
      const now = drawn.current;
      const next = windowAt(now.offsets, now.count, top, now.height);
      // Rendered now, inside this frame's callbacks: an update left to React's scheduler ran in a
      // task after the frame, so each step drew two frames (the scroll, then the rows) and the rows
      // entering the window came a frame late.
      if (next.first !== now.first || next.last !== now.last) flushSync(() => setScrollTop(top));
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index];
    if (item === undefined) continue;
    rows.push(<VirtualRow key={getKey(item)} item={item} index={index} top={offsets[index]!} height={offsets[index + 1]! - offsets[index]!} setSize={setSize} renderRow={renderRow} />);
  }

  return (
    <div ref={box} className="virtual-box" style={{ height }} onScroll={onScroll} onClick={onClick} data-testid="virtual-list">
      <div role="list" aria-label={label} className="virtual-inner" style={{ height: offsets[items.length] }}>
        {rows}
      </div>
    </div>
  );
}
