// The province's rules for phones (docs/security.md "The province's settings"). The province admin
// sets them (PUT /api/admin/device-policy); the server sends them with every sign-in and token
// refresh (PROTOCOL.md §2); the phone keeps the last one it got and applies it offline. Until it
// has one, these defaults apply.
import { z } from 'zod';

/** Wrong passwords that cost nothing (a typo, the keyboard in the wrong mode); a policy allows more. */
export const FREE_UNLOCK_TRIES = 3;

export const DEVICE_POLICY_BOUNDS = {
  lockAfterMinutes: { min: 1, max: 60 },
  offlineDays: { min: 1, max: 60 },
  // Above the free tries (the growing wait needs room), and few enough that a guesser with the
  // phone in hand gives up long before the copier's offline attack would be cheaper.
  maxFailedUnlocks: { min: FREE_UNLOCK_TRIES + 1, max: 20 },
} as const;

const bounded = (name: keyof typeof DEVICE_POLICY_BOUNDS) => z.number().int().min(DEVICE_POLICY_BOUNDS[name].min).max(DEVICE_POLICY_BOUNDS[name].max);

export const devicePolicySchema = z.object({
  /** Lock after the app has been in the background this long. */
  lockAfterMinutes: bounded('lockAfterMinutes'),
  /** Refuse offline unlock when the phone has not reached the server for this many days. */
  offlineDays: bounded('offlineDays'),
  /** Wrong passwords in a row after which only an online sign-in unlocks the phone. */
  maxFailedUnlocks: bounded('maxFailedUnlocks'),
});

export type DevicePolicy = z.infer<typeof devicePolicySchema>;

export const DEFAULT_DEVICE_POLICY: DevicePolicy = { lockAfterMinutes: 5, offlineDays: 14, maxFailedUnlocks: 10 };

/** PUT /api/admin/device-policy (the province admin): the whole new policy. */
export const devicePolicyChangeSchema = z.strictObject(devicePolicySchema.shape);

/** GET and PUT /api/admin/device-policy: the province's policy and the defaults. */
export const devicePolicySettingSchema = z.strictObject({ policy: devicePolicySchema, defaults: devicePolicySchema });
export type DevicePolicySetting = z.infer<typeof devicePolicySettingSchema>;

/**
 * A policy as received from a server, or undefined. An older stored policy (before a field
 * existed) takes the default for the missing field; a value out of range voids the whole policy
 * (the phone keeps the last good one).
 */
export function readPolicy(value: unknown): DevicePolicy | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = devicePolicySchema.safeParse({ ...DEFAULT_DEVICE_POLICY, ...value });
  return parsed.success ? parsed.data : undefined;
}
