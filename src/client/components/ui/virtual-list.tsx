// A small windowing list: fixed row height, only the rows in view (plus a few either side) are in
// the DOM, so 20,000 logs scroll as smoothly as 20 on a 2 GB phone. The list scrolls inside its
// own box, sized to the space left above the bottom navigation.
import { useEffect, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import './virtual-list.css';

const OVERSCAN = 6;
const NAV_AND_MARGIN_PX = 64 + 16;
const MIN_HEIGHT_PX = 280;

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Total known, or -1 while more pages may come (aria-setsize). */
  setSize: number;
  label: string;
  /** Called when the last rows come into view: load the next page. */
  onEndReached?: () => void;
}

export function VirtualList<T>({ items, rowHeight, getKey, renderRow, setSize, label, onEndReached }: VirtualListProps<T>): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(MIN_HEIGHT_PX * 2);

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

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

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
        style={{ top: index * rowHeight, height: rowHeight }}
      >
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div ref={box} className="virtual-box" style={{ height }} onScroll={onScroll} data-testid="virtual-list">
      <div role="list" aria-label={label} className="virtual-inner" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
