// A small windowing list: only the rows in view (plus a few either side) are in the DOM, so 20,000
// logs scroll as smoothly as 20 on a 2 GB phone. Each row's height is known from its content
// before it is drawn (`rowHeight` as a function: a log without a citizen is shorter than one with a
// phone to reveal), so the list never measures the DOM and never jumps; the rows' offsets are one
// running sum, searched by bisection on every scroll frame. The list scrolls inside its own box,
// sized to the space left above the bottom navigation.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
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

export function VirtualList<T>({ items, rowHeight, getKey, renderRow, setSize, label, onEndReached }: VirtualListProps<T>): ReactElement {
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

  const first = Math.max(0, rowAt(offsets, scrollTop) - OVERSCAN);
  const last = Math.min(items.length, rowAt(offsets, scrollTop + height) + 1 + OVERSCAN);

  useEffect(() => {
    if (onEndReached && items.length > 0 && last >= items.length - OVERSCAN) onEndReached();
  }, [last, items.length, onEndReached]);

  const frame = useRef(0);
  const onScroll = () => {
    // One state update per animation frame, however many scroll events arrive.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (box.current) setScrollTop(box.current.scrollTop);
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index];
    if (item === undefined) continue;
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={setSize}
        className="virtual-row"
        style={{ top: offsets[index], height: offsets[index + 1]! - offsets[index]! }}
      >
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div ref={box} className="virtual-box" style={{ height }} onScroll={onScroll} data-testid="virtual-list">
      <div role="list" aria-label={label} className="virtual-inner" style={{ height: offsets[items.length] }}>
        {rows}
      </div>
    </div>
  );
}
