// The province's rules for its phones (docs/security.md "The province's settings"), kept in the
// meta table per province like the retention limit. Read with every sign-in and refresh, so it
// reaches each phone within a token's life (15 minutes) of its next contact.
import { DEFAULT_DEVICE_POLICY, readPolicy, type DevicePolicy } from '../../shared/device-policy';
import type { SyncStore } from '../storage/types';

export const devicePolicyMetaKey = (provinceId: string): string => `device_policy:${provinceId}`;

/** The province's policy; the defaults when it set none (or what is stored no longer fits the rules). */
export async function devicePolicyOf(store: Pick<SyncStore, 'getMeta'>, provinceId: string | null | undefined): Promise<DevicePolicy> {
  if (!provinceId) return DEFAULT_DEVICE_POLICY;
  const raw = await store.getMeta(devicePolicyMetaKey(provinceId));
  if (raw === undefined) return DEFAULT_DEVICE_POLICY;
  try {
    return readPolicy(JSON.parse(raw)) ?? DEFAULT_DEVICE_POLICY;
  } catch {
    return DEFAULT_DEVICE_POLICY;
  }
}

export async function setDevicePolicy(store: Pick<SyncStore, 'setMeta'>, provinceId: string, policy: DevicePolicy): Promise<void> {
  await store.setMeta(devicePolicyMetaKey(provinceId), JSON.stringify(policy));
}
