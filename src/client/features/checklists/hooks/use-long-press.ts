// Tap vs long press on one button: a press held LONG_PRESS_MS opens the details sheet and the click
// that follows the release is swallowed, so holding never also cycles the status. Pointer events
// cover touch, pen and mouse; a finger that moves (scrolling the list) cancels the press.
import { useCallback, useEffect, useRef, type MouseEvent, type PointerEvent } from 'react';

export const LONG_PRESS_MS = 500;
const MOVE_TOLERANCE_PX = 10;
const CLICK_AFTER_RELEASE_MS = 300;

export interface LongPressHandlers {
  onPointerDown: (event: PointerEvent) => void;
  onPointerMove: (event: PointerEvent) => void;
  onPointerUp: () => void;
  onPointerCancel: () => void;
  onPointerLeave: () => void;
  onContextMenu: (event: MouseEvent) => void;
  onClick: (event: MouseEvent) => void;
}

export function useLongPress(onTap: () => void, onLongPress: () => void): LongPressHandlers {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fired = useRef(false);
  const origin = useRef<{ x: number; y: number } | null>(null);
  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);
  return {
    onPointerDown: (event) => {
      if (event.button !== 0) return;
      fired.current = false;
      origin.current = { x: event.clientX, y: event.clientY };
      cancel();
      timer.current = setTimeout(() => {
        fired.current = true;
        timer.current = null;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onPointerMove: (event) => {
      const start = origin.current;
      if (start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > MOVE_TOLERANCE_PX) cancel();
    },
    onPointerUp: () => {
      cancel();
      // Android sends no click after a long touch: forget the long press soon, or the next
      // keyboard activation would be swallowed.
      if (fired.current) setTimeout(() => (fired.current = false), CLICK_AFTER_RELEASE_MS);
    },
    onPointerCancel: cancel,
    onPointerLeave: cancel,
    // Android opens a context menu on a long touch; the sheet replaces it.
    onContextMenu: (event) => event.preventDefault(),
    onClick: (event) => {
      if (fired.current) {
        fired.current = false;
        event.preventDefault();
        return;
      }
      onTap();
    },
  };
}
