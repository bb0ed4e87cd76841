// A short message at the bottom of the screen, with an optional undo ("Hoàn tác"). It belongs to
// one screen: the one the save or delete goes to next (`at`, else the screen it was shown on). It
// waits for that navigation, and once shown there it goes as soon as the member moves to another
// screen or tab — a "Đã lưu" must not follow them to the follow-ups.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { log } from '../../../lib/log';

const VISIBLE_MS = 10_000;

interface Toast {
  id: number;
  message: string;
  undo?: () => Promise<void>;
  /** The path of the screen it belongs to. */
  at: string;
}

export interface ToastOptions {
  undo?: () => Promise<void>;
  /** The path the caller navigates to next; by default the current screen. */
  at?: string;
}

type Show = (message: string, options?: ToastOptions) => void;
const ToastContext = createContext<Show>(() => undefined);

export function useToast(): Show {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }): ReactElement {
  const [toast, setToast] = useState<Toast | null>(null);
  const { pathname } = useLocation();
  const here = useRef(pathname);
  useEffect(() => {
    here.current = pathname;
  }, [pathname]);
  const shown = useRef(false);
  const show = useCallback<Show>((message, options = {}) => {
    shown.current = false;
    setToast({ id: Date.now(), message, at: options.at ?? here.current, ...(options.undo ? { undo: options.undo } : {}) });
  }, []);
  useEffect(() => {
    if (!toast) return;
    if (pathname === toast.at) shown.current = true;
    else if (shown.current) setToast(null);
  }, [pathname, toast]);
  const close = useCallback(() => setToast(null), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastView toast={toast && pathname === toast.at ? toast : null} onClose={close} />
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onClose }: { toast: Toast | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation('assistance');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!toast) return undefined;
    const timer = setTimeout(onClose, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast, onClose]);
  const undo = useMemo(() => toast?.undo, [toast]);
  // The live region stays in the page so screen readers announce each new message.
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" key={toast.id}>
          <span>{toast.message}</span>
          {undo && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                undo()
                  .then(onClose)
                  .catch((error: unknown) => log.error('undo failed', error))
                  .finally(() => setBusy(false));
              }}
            >
              {t('undo')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
