// The one form-state hook for record forms (the assistance log, the group session, the contact):
// the values, validation shown after the first attempt, field errors the data layer found, an
// autosaved draft (use-draft.ts), and a save that does not wait behind a re-render.
import { useCallback, useMemo, useRef, useState } from 'react';
import { ValidationError, type FieldErrors } from '../data/errors';
import { log } from '../lib/log';
import { useDraft } from './use-draft';

/** "Saving…" shows only when the write is slow. */
const SHOW_SAVING_AFTER_MS = 150;

export interface RecordFormConfig<Values, Fields, Item> {
  userId: string;
  /** The form's draft, or null for none (e.g. editing a record whose form keeps no draft). */
  draftKey: string | null;
  /** The id of the record being edited; undefined for a new one. */
  existingId: string | undefined;
  /** The values the form opens with (the record's, or empty ones). */
  initial: () => Values;
  empty: (now: number) => Values;
  isValues: (value: unknown) => value is Values;
  /** The record's fields and the errors to show; `now` bounds dates such as a year of birth. */
  validate: (values: Values, now: number) => { fields: Fields; errors: FieldErrors };
  create: (fields: Fields) => Promise<Item>;
  update: (id: string, fields: Fields) => Promise<Item>;
  /** The data layer's refusal as field errors (default: as it names them). */
  errorsOf?: (error: ValidationError, values: Values) => FieldErrors;
  /** Values that keep no draft (see use-draft.ts). */
  isBlank?: (values: Values) => boolean;
}

export interface RecordFormState<Values, Item> {
  values: Values;
  errors: FieldErrors;
  ready: boolean;
  restored: boolean;
  saving: boolean;
  /** Applies a change typed by the person (marks the form touched, clears the data layer's errors). */
  change: (apply: (previous: Values) => Values) => void;
  /** Validates and saves; resolves to the saved record, or null when something needs fixing. */
  submit: () => Promise<Item | null>;
  discardDraft: () => void;
}

export function useRecordForm<Values extends object, Fields extends object, Item>(config: RecordFormConfig<Values, Fields, Item>): RecordFormState<Values, Item> {
  const { userId, draftKey, existingId, empty, isValues, validate, create, update, errorsOf, isBlank } = config;
  const [values, setValues] = useState<Values>(config.initial);
  const [touched, setTouched] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  // The clock only bounds dates in the checks shown while typing; reading it once is enough.
  const [openedAt] = useState(() => Date.now());
  const draft = useDraft({ userId, formKey: draftKey ?? '', enabled: draftKey !== null, values, touched, isValid: isValues, isBlank, onRestore: setValues });

  const errors = useMemo(() => (attempted ? { ...validate(values, openedAt).errors, ...serverErrors } : serverErrors), [attempted, values, serverErrors, openedAt, validate]);

  const change = useCallback((apply: (previous: Values) => Values) => {
    setTouched(true);
    setServerErrors({});
    setValues(apply);
  }, []);

  // Saving must not wait behind a re-render of the whole form (≈10 ms on a cheap phone): no state
  // changes before the write, and a double tap is stopped by a ref.
  const inFlight = useRef(false);
  const submit = useCallback(async (): Promise<Item | null> => {
    if (inFlight.current) return null;
    const { fields, errors: found } = validate(values, Date.now());
    if (Object.keys(found).length > 0) {
      setAttempted(true);
      return null;
    }
    inFlight.current = true;
    // The draft's autosave waits for the save instead of running beside it (use-draft.ts hold).
    const release = draft.hold();
    const slow = setTimeout(() => setSaving(true), SHOW_SAVING_AFTER_MS);
    try {
      const saved = existingId
        ? await update(existingId, fields)
        : // A new record carries only what was given; null ("cleared") only matters for edits.
          await create(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as Fields);
      // Saved: the screen moves on without waiting for the draft's deletion, a second strict
      // write (≈ 10 ms before the list opened, docs/performance.md "Saving a record"). discard
      // stops the autosave at once; a deletion that fails leaves a draft, never a lost save.
      if (draftKey !== null) draft.discard().catch((error: unknown) => log.warn('draft discard failed', error));
      return saved;
    } catch (error) {
      if (error instanceof ValidationError) {
        setAttempted(true);
        setServerErrors(errorsOf ? errorsOf(error, values) : error.fieldErrors);
        return null;
      }
      throw error;
    } finally {
      clearTimeout(slow);
      release();
      inFlight.current = false;
      setSaving(false);
    }
  }, [values, existingId, draftKey, draft, validate, create, update, errorsOf]);

  const discardDraft = useCallback(() => {
    setValues(empty(Date.now()));
    setTouched(false);
    setAttempted(false);
    draft.clear().catch((error: unknown) => log.warn('draft clear failed', error));
  }, [draft, empty]);

  return { values, errors, ready: draft.ready, restored: draft.restored, saving, change, submit, discardDraft };
}
