// The errors a repository throws for a screen to show: bad input (with the problem of each field),
// an action the user's role may not take, a record that is not there. Every refused write throws
// before its transaction opens (or inside it, which aborts it), so a refusal changes nothing.
// Refusals particular to one domain (an archived checklist…) keep their own codes beside the domain
// (src/shared/checklists/errors.ts); NotSignedInError lives with the session.
import type { z } from 'zod';
import type { Action } from '../../shared/permissions';
import { VALIDATION_KEYS, type ValidationKey } from '../../shared/schemas/validation-keys';

/** One problem of one field: `path` as zod gives it ("name", "phones.1", "items.3.title.vi"). */
export interface FieldIssue {
  path: string;
  key: ValidationKey;
}

/** Field path ("serviceId", "citizen.phone", "barriers") → the i18n key of its first problem. */
export type FieldErrors = Partial<Record<string, ValidationKey>>;

const isValidationKey = (message: string): message is ValidationKey => VALIDATION_KEYS.some((key) => key === message);

/** Every issue of a zod error, in order (the shared schemas' messages are ValidationKeys). */
export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    key: isValidationKey(issue.message) ? issue.message : 'validation.invalidType',
  }));
}

/**
 * The form field a problem is shown under: the path cut at its first list index ("barriers.2" →
 * "barriers"), the consent evidence reported on the consent tick ("citizen.consentEvidence.x" →
 * "citizen.consent"), and a problem of the whole object under "_form".
 */
export function formFieldOf(path: string): string {
  const parts = path.split('.');
  const cut = parts.findIndex((part) => /^\d+$/.test(part));
  const field = (cut >= 0 ? parts.slice(0, cut) : parts).join('.');
  if (field.startsWith('citizen.consentEvidence')) return 'citizen.consent';
  return field === '' ? '_form' : field;
}

/**
 * The first problem per form field: the one way a zod error or a repository's refusal becomes the
 * errors a form shows. `fieldOf` says which field a path is shown under (formFieldOf, unless a form
 * lays out a list its own way, e.g. the contact form's phone rows).
 */
export function fieldErrorsOf(source: z.ZodError | readonly FieldIssue[], fieldOf: (path: string) => string = formFieldOf): FieldErrors {
  const issues = 'issues' in source ? issuesOf(source) : source;
  const out: FieldErrors = {};
  for (const issue of issues) out[fieldOf(issue.path)] ??= issue.key;
  return out;
}

/** The input breaks a rule of the shared schema (or a rule the repository checks, e.g. a duplicate name). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  /** Every problem, in the schema's order (a form shows each under its field). */
  readonly issues: readonly FieldIssue[];
  /** The first problem per form field (see fieldErrorsOf). */
  readonly fieldErrors: FieldErrors;
  constructor(source: z.ZodError | readonly FieldIssue[]) {
    const issues = 'issues' in source ? issuesOf(source) : source;
    super(issues.map((issue) => `${issue.path}: ${issue.key}`).join('; '));
    this.issues = issues;
    this.fieldErrors = fieldErrorsOf(issues);
  }

  /** A refusal of one field, for rules the schema cannot know. */
  static of(path: string, key: ValidationKey): ValidationError {
    return new ValidationError([{ path, key }]);
  }
}

/** The signed-in user's role may not do this (or the action needs a commune and the account has none). */
export class PermissionError extends Error {
  override readonly name = 'PermissionError';
  /** Every refusal names its i18n key "errors.<code>" (as ChecklistError does). */
  readonly code = 'forbidden';
  constructor(readonly action: Action | 'record.edit') {
    super('errors.forbidden');
  }
}

/**
 * No such record in the user's commune (never "it exists elsewhere"). Not named NotFoundError:
 * Dexie turns an error of that name thrown inside a transaction into its own (IndexedDB's name).
 */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  readonly code = 'notFound';
  constructor() {
    super('errors.notFound');
  }
}
