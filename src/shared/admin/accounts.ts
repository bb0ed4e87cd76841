// The accounts API (docs/accounts.md "Accounts"): what the province admin and a commune leader send
// to /api/admin/accounts* and what they get back, and what a member sends to redeem a one-time
// sign-in code or change their own password. One truth for the screens and the server. An account
// summary never carries a password hash, a sign-in code's hash, a token or any citizen's data.
import { z } from 'zod';
import { boolSchema, clearable, communeIdSchema, enumSchema, idSchema, nfcString, roleSchema, strictObject, typeError } from '../schemas/common';
import { vnPhoneSchema } from '../schemas/phone';
import { COMMUNE_ROLES } from '../schemas/team-member';
import { usernameSchema } from '../schemas/user';
import { communeSummarySchema } from './communes';

/** How long a one-time sign-in code lives: long enough to reach a member in the field, short enough to matter little if lost. */
export const SIGN_IN_CODE_TTL_MS = 72 * 60 * 60 * 1000;
/**
 * A code is 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L, U/V), shown in three
 * groups of four: about 58 bits, beyond guessing at ten tries per quarter hour.
 */
export const SIGN_IN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const SIGN_IN_CODE_LENGTH = 12;
/** An account not synced for this many days (or never) has data at risk on its phone. */
export const STALE_SYNC_DAYS = 7;
export const ACCOUNTS_PAGE_SIZE = 50;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** A password the member chooses: 8 to 128 characters (no composition rules; docs/privacy.md). */
export const newPasswordSchema = z
  .string({ error: typeError })
  .refine((s) => [...s].length >= PASSWORD_MIN_LENGTH, { error: 'validation.tooShort' })
  .refine((s) => [...s].length <= PASSWORD_MAX_LENGTH, { error: 'validation.tooLong' });

/** Spaces, dashes and case do not matter when the code is typed: "abcd efgh-jkmn" is ABCDEFGHJKMN. */
export function normalizeSignInCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** Shown in groups of four, as it is read aloud or typed. */
export function formatSignInCode(code: string): string {
  return normalizeSignInCode(code).replace(/(.{4})(?=.)/g, '$1-');
}

export const signInCodeSchema = z
  .string({ error: typeError })
  .max(40, { error: 'validation.tooLong' })
  .overwrite(normalizeSignInCode)
  .refine((s) => s.length === SIGN_IN_CODE_LENGTH && [...s].every((c) => SIGN_IN_CODE_ALPHABET.includes(c)), { error: 'validation.signInCode' });

/** The roles an actor may give: the admin any commune role, a leader members and reviewers. */
export const LEADER_ASSIGNABLE_ROLES = ['member', 'reviewer'] as const;
export const communeRoleSchema = enumSchema(COMMUNE_ROLES);

/** POST /api/admin/accounts. A leader's accounts go to their own commune (communeId may be left out). */
export const createAccountSchema = strictObject({
  username: usernameSchema,
  displayName: nfcString(1, 100),
  role: communeRoleSchema,
  communeId: communeIdSchema.optional(),
  phone: clearable(vnPhoneSchema),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

/** PATCH /api/admin/accounts/:id: at least one change. */
export const updateAccountSchema = strictObject({
  role: communeRoleSchema.optional(),
  disabled: boolSchema().optional(),
  displayName: nfcString(1, 100).optional(),
  phone: clearable(vnPhoneSchema),
}).refine((patch) => Object.values(patch).some((value) => value !== undefined), { error: 'validation.required' });
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** GET /api/admin/accounts: query-string filters (text, so numbers are coerced here). */
export const accountListQuerySchema = z.strictObject({
  /** Diacritic-insensitive, in the display name and the username. */
  q: z.string().max(100).optional(),
  communeId: communeIdSchema.optional(),
  role: roleSchema.optional(),
  disabled: flag.optional(),
  /** Only accounts not synced for at least this many days, or never. */
  staleDays: z.coerce.number().int().min(1).max(3650).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;

/** One account as the console shows it. Times are epoch milliseconds. */
export const accountSummarySchema = z.strictObject({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  communeId: communeIdSchema.nullable(),
  communeName: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.number().int(),
  lastSyncAt: z.number().int().nullable(),
  /** A one-time code waits to be used until then (null: none). */
  codeExpiresAt: z.number().int().nullable(),
  /** The actor may change this account (false for admins and, for a leader, other leaders and themselves). */
  manageable: z.boolean(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const accountListResponseSchema = z.strictObject({
  accounts: z.array(accountSummarySchema),
  total: z.number().int(),
  /** The offset of the next page, or null on the last. */
  next: z.number().int().nullable(),
});
export type AccountListResponse = z.infer<typeof accountListResponseSchema>;

/** A new one-time code: shown once, never stored in clear. */
export const signInCodeResponseSchema = z.strictObject({
  username: z.string(),
  code: z.string(),
  expiresAt: z.number().int(),
});
export type SignInCodeResponse = z.infer<typeof signInCodeResponseSchema>;

export const createAccountResponseSchema = z.strictObject({ account: accountSummarySchema, signInCode: signInCodeResponseSchema });
export type CreateAccountResponse = z.infer<typeof createAccountResponseSchema>;
export const accountResponseSchema = z.strictObject({ account: accountSummarySchema });

/** POST /api/auth/redeem-code: the member's first sign-in (or after a reset). Answers like a login. */
export const redeemCodeSchema = strictObject({ username: usernameSchema, code: signInCodeSchema, password: newPasswordSchema });
export type RedeemCodeInput = z.infer<typeof redeemCodeSchema>;

/** POST /api/auth/password: the member changes their own password. Answers like a login (a new session). */
export const changePasswordSchema = strictObject({ currentPassword: z.string({ error: typeError }).min(1).max(PASSWORD_MAX_LENGTH), newPassword: newPasswordSchema });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Why the server refused a new password, beyond its length (the screen names the reason). */
export const PASSWORD_PROBLEMS = ['password_common', 'password_username', 'password_length'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** GET /api/admin/communes: the communes an actor creates accounts in (a leader: their own), in Vietnamese order. */
export const communeListResponseSchema = z.strictObject({ communes: z.array(communeSummarySchema) });
export type CommuneListResponse = z.infer<typeof communeListResponseSchema>;
