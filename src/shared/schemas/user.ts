// The signed-in user as POST /api/auth/login returns it (docs/sync.md §4), plus the admin's province.
import { z } from 'zod';
import { communeIdSchema, idSchema, nfcString, roleSchema, slugSchema, typeError } from './common';

// What the admin CLI accepts: 3–64 of letters, digits, dot, underscore, dash, @.
const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
export const usernameSchema = z.string({ error: typeError }).trim().regex(USERNAME, { error: 'validation.username' });

/**
 * Not strict, unlike the record schemas: this shape is read from the server, and an older app must
 * keep signing in when a newer server adds a field. Unknown fields are dropped.
 */
export const userSchema = z
  .object(
    {
      id: idSchema,
      username: usernameSchema,
      displayName: nfcString(1, 100),
      role: roleSchema,
      /** The user's commune; null for province admins. */
      communeId: communeIdSchema.nullable(),
      /** The admin's province (admins belong to a province, not a commune). */
      provinceId: slugSchema.optional(),
    },
    { error: typeError },
  )
  .superRefine((user, ctx) => {
    // docs/product.md: a user belongs to exactly one commune, admins to the province.
    const ok = user.role === 'admin' ? user.communeId === null && user.provinceId !== undefined : user.communeId !== null;
    if (!ok) ctx.addIssue({ code: 'custom', message: 'validation.roleScope', path: ['communeId'] });
  });

export type User = z.infer<typeof userSchema>;
