// Autosaves a form to the user's own draft and restores it after a reload or a crash — the one
// draft hook of the app (draft-repository: per user and sealed with their data key, so a shared
// phone never shows one member's draft to another).
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { clearDraft, loadDraft, saveDraft } from '../data/draft-repository';
import { log } from '../lib/log';

const SAVE_DELAY_MS = 400;

export interface DraftControl {
  /** False until the stored draft (if any) has been read: do not render the inputs before. */
  ready: boolean;
  /** True when the form was filled from a stored draft. */
  restored: boolean;
  /** Call after a successful save: deletes the draft and stops autosaving this form. */
  discard: () => Promise<void>;
  /** "Start again": deletes the draft; autosaving resumes with the next change. */
  clear: () => Promise<void>;
  /**
   * While the form saves: the autosave waits, since a save that succeeds discards the draft (its
   * sealing and write competed with the save, docs/performance.md "Saving a record"). The function
   * returned lets it go on: what is pending is saved then, unless the draft was discarded.
   */
  hold: () => () => void;
}

/**
 * `enabled` false (e.g. editing an existing record) turns drafts off. `touched` must become true
 * on the first change, so an untouched form never leaves a draft behind.
 */
export function useDraft<T>(options: {
  userId: string;
  formKey: string;
  enabled: boolean;
  values: T;
  touched: boolean;
  isValid: (value: unknown) => value is T;
  /** True for values worth no draft (e.g. an edit typed back to the stored record): none is kept. */
  isBlank?: (value: T) => boolean;
  onRestore: (value: T) => void;
}): DraftControl {
  const { userId, formKey, enabled, values, touched, isValid, isBlank, onRestore } = options;
  const [ready, setReady] = useState(!enabled);
  const [restored, setRestored] = useState(false);
  const latest = useRef<{ values: T; blank: boolean; pending: boolean; finished: boolean; held: boolean }>({ values, blank: false, pending: false, finished: false, held: false });
  const restore = useEffectEvent(onRestore);
  const blank = useEffectEvent((value: T) => isBlank?.(value) ?? false);

  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    loadDraft(userId, formKey, isValid)
      .then((draft) => {
        if (!live) return;
        if (draft !== undefined && !blank(draft)) {
          restore(draft);
          setRestored(true);
        }
        setReady(true);
      })
      .catch((error: unknown) => {
        log.warn('draft load failed', error);
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, [enabled, userId, formKey, isValid]);

  const flush = useCallback(() => {
    const state = latest.current;
    if (!state.pending || state.finished || state.held) return;
    state.pending = false;
    const write = state.blank ? clearDraft(userId, formKey) : saveDraft(userId, formKey, state.values);
    write.catch((error: unknown) => log.warn('draft save failed', error));
  }, [userId, formKey]);

  useEffect(() => {
    if (!enabled || !ready || !touched || latest.current.finished) return undefined;
    latest.current.values = values;
    latest.current.blank = isBlank?.(values) ?? false;
    latest.current.pending = true;
    const timer = setTimeout(flush, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [enabled, ready, touched, values, isBlank, flush]);

  // Leaving the screen (or the tab going to the background) must not lose the last keystrokes.
  useEffect(() => {
    if (!enabled) return undefined;
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [enabled, flush]);

  const discard = useCallback(async () => {
    latest.current.finished = true;
    latest.current.pending = false;
    await clearDraft(userId, formKey);
  }, [userId, formKey]);

  const clear = useCallback(async () => {
    latest.current.pending = false;
    setRestored(false);
    await clearDraft(userId, formKey);
  }, [userId, formKey]);

  const hold = useCallback(() => {
    latest.current.held = true;
    return () => {
      latest.current.held = false;
      flush();
    };
  }, [flush]);

  return { ready, restored, discard, clear, hold };
}
