// The windowing list: only the rows in view are in the DOM, each row as tall as its content says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { rowAt, rowOffsets, VirtualList } from './virtual-list';

interface Item {
  id: string;
  tall: boolean;
}
const heightOf = (item: Item) => (item.tall ? 108 : 61);

describe('virtual list', () => {
  it('renders only the rows in view out of 20,000', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ id: String(i) }));
    render(<VirtualList items={items} rowHeight={96} getKey={(item) => item.id} renderRow={(item) => item.id} setSize={items.length} label="rows" />);
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(30);
    expect(screen.getByRole('list').style.height).toBe(`${20_000 * 96}px`);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('20000');
  });

  it('sizes each row to its content and places it right below the previous one', () => {
    const items: Item[] = Array.from({ length: 20_000 }, (_, i) => ({ id: String(i), tall: i % 5 === 0 }));
    render(<VirtualList items={items} rowHeight={heightOf} getKey={(item) => item.id} renderRow={(item) => item.id} setSize={items.length} label="rows" />);
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeLessThan(30);
    expect(rows.slice(0, 6).map((row) => [row.style.top, row.style.height])).toEqual([
      ['0px', '108px'],
      ['108px', '61px'],
      ['169px', '61px'],
      ['230px', '61px'],
      ['291px', '61px'],
      ['352px', '108px'],
    ]);
    expect(screen.getByRole('list').style.height).toBe(`${4_000 * 108 + 16_000 * 61}px`);
  });

  it('finds the row under any position by bisection, the last one past the end', () => {
    const items: Item[] = [{ id: 'a', tall: true }, { id: 'b', tall: false }, { id: 'c', tall: false }];
    const offsets = rowOffsets(items, heightOf);
    expect([...offsets]).toEqual([0, 108, 169, 230]);
    expect([0, 107, 108, 168, 169, 229, 230, 10_000].map((y) => rowAt(offsets, y))).toEqual([0, 0, 1, 1, 2, 2, 2, 2]);
    expect(rowAt(rowOffsets([], heightOf), 50)).toBe(0);
  });

  describe('scrolling', () => {
    afterEach(() => vi.restoreAllMocks());

    it('renders again only the rows entering the window, and nothing while the same rows stay in it', () => {
      const frames: FrameRequestCallback[] = [];
      vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
      const scrollTo = (box: HTMLElement, top: number) => {
        box.scrollTop = top;
        fireEvent.scroll(box);
        act(() => frames.splice(0).forEach((callback) => callback(0)));
      };
      const items = Array.from({ length: 20_000 }, (_, i) => ({ id: String(i) }));
      const rendered: string[] = [];
      const renderRow = (item: { id: string }) => {
        rendered.push(item.id);
        return item.id;
      };
      render(<VirtualList items={items} rowHeight={100} getKey={(item) => item.id} renderRow={renderRow} setSize={items.length} label="rows" />);
      const box = screen.getByTestId('virtual-list');
      const shownAtFirst = screen.getAllByRole('listitem').map((row) => row.textContent);
      expect(rendered).toEqual(shownAtFirst);
      rendered.length = 0;

      // 10 px: the same rows stay in the window (a finger's few px a frame).
      scrollTo(box, 10);
      expect(rendered).toEqual([]);

      // 300 px: three rows enter at the bottom (the top ones stay in the overscan); only they are rendered.
      scrollTo(box, 300);
      const shownAfter = screen.getAllByRole('listitem').map((row) => row.textContent);
      expect(rendered).toEqual(shownAfter.filter((id) => !shownAtFirst.includes(id)));
      expect(rendered).toHaveLength(3);
    });

    it('asks for the next page within the frame that brings the last rows into view, and not before', () => {
      const frames: FrameRequestCallback[] = [];
      vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
      const items = Array.from({ length: 200 }, (_, i) => ({ id: String(i) }));
      const onEndReached = vi.fn();
      render(<VirtualList items={items} rowHeight={100} getKey={(item) => item.id} renderRow={(item) => item.id} setSize={-1} label="rows" onEndReached={onEndReached} />);
      const box = screen.getByTestId('virtual-list');
      const react = globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT?: boolean };
      const actEnvironment = react.IS_REACT_ACT_ENVIRONMENT;
      // Outside act() on purpose, as above: what the frame's callbacks do by the time they return.
      react.IS_REACT_ACT_ENVIRONMENT = false;
      try {
        box.scrollTop = 10_000;
        fireEvent.scroll(box);
        frames.splice(0).forEach((callback) => callback(0));
        expect(onEndReached).not.toHaveBeenCalled();
        box.scrollTop = 19_000;
        fireEvent.scroll(box);
        frames.splice(0).forEach((callback) => callback(0));
        expect(onEndReached).toHaveBeenCalledTimes(1);
      } finally {
        react.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
      }
    });

    it('draws the rows entering the window within the frame that saw the scroll, not in a task after it', () => {
      const frames: FrameRequestCallback[] = [];
      vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
      const items = Array.from({ length: 20_000 }, (_, i) => ({ id: String(i) }));
      render(<VirtualList items={items} rowHeight={100} getKey={(item) => item.id} renderRow={(item) => item.id} setSize={items.length} label="rows" />);
      const box = screen.getByTestId('virtual-list');
      box.scrollTop = 5_000;
      fireEvent.scroll(box);
      // Outside act() on purpose: React's scheduler would render a plain update later, in its own task.
      const react = globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT?: boolean };
      const actEnvironment = react.IS_REACT_ACT_ENVIRONMENT;
      react.IS_REACT_ACT_ENVIRONMENT = false;
      try {
        frames.splice(0).forEach((callback) => callback(0));
        expect(screen.getAllByRole('listitem').map((row) => row.textContent)).toContain('50');
      } finally {
        react.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
      }
    });
  });
});

