// The province's rules for phones (docs/security.md "The lock"), sent by the server with every
// sign-in and refresh (one deployment serves one province). The phone keeps the last one it got;
// until it has one, these defaults apply.
import { z } from 'zod';

export const devicePolicySchema = z.object({
  /** Lock after the app has been in the background this long. */
  lockAfterMinutes: z.number().int().min(1).max(24 * 60),
  /** Refuse offline unlock when the phone has not reached the server for this many days. */
  offlineDays: z.number().int().min(1).max(365),
});

export type DevicePolicy = z.infer<typeof devicePolicySchema>;

export const DEFAULT_DEVICE_POLICY: DevicePolicy = { lockAfterMinutes: 5, offlineDays: 14 };
