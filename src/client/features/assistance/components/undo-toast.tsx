// A short message at the bottom of the screen, with an optional undo ("Hoàn tác"), that survives
// the navigation which usually follows a delete.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { log } from '../../../lib/log';

const VISIBLE_MS = 10_000;

interface Toast {
  id: number;
  message: string;
  undo?: () => Promise<void>;
}

type Show = (message: string, undo?: () => Promise<void>) => void;
const ToastContext = createContext<Show>(() => undefined);

export function useToast(): Show {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }): ReactElement {
  const [toast, setToast] = useState<Toast | null>(null);
  const show = useCallback<Show>((message, undo) => setToast({ id: Date.now(), message, ...(undo ? { undo } : {}) }), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastView toast={toast} onClose={() => setToast(null)} />
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
