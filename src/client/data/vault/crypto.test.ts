// Real WebCrypto (Node's implementation of the same W3C API Chromium implements): no mock.
import { describe, expect, it } from 'vitest';
import { createDataKey, isSealed, isWrappedKey, KDF_ITERATIONS, open, rewrapDataKey, seal, unlockDataKey, WrongSecretError } from './crypto';

// Few iterations keep the suite fast; one test below uses the real count.
const FAST = 1_000;

describe('data key', () => {
  it('is stored only wrapped, and unlocks with the same secret into a non-extractable key', async () => {
    const { key, stored } = await createDataKey('mật khẩu đúng', FAST);
    expect(isWrappedKey(stored)).toBe(true);
    expect(stored.wrapped.byteLength).toBe(40); // AES-KW of a 256-bit key
    expect(key.extractable).toBe(false);
    const again = await unlockDataKey('mật khẩu đúng', stored);
    expect(again.extractable).toBe(false);
    expect(again.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    // Both keys are the same key: what one seals the other opens.
    const sealed = await seal(key, { name: 'Nguyễn Thị Hoa' }, 'assistanceLogs/1');
    await expect(open(again, sealed, 'assistanceLogs/1')).resolves.toEqual({ name: 'Nguyễn Thị Hoa' });
  });

  it('refuses a wrong secret', async () => {
    const { stored } = await createDataKey('mật khẩu đúng', FAST);
    await expect(unlockDataKey('mật khẩu sai', stored)).rejects.toBeInstanceOf(WrongSecretError);
  });

  it('treats NFC and NFD spellings of a Vietnamese password as the same secret', async () => {
    const { stored } = await createDataKey('Hoà bình 2026'.normalize('NFC'), FAST);
    await expect(unlockDataKey('Hoà bình 2026'.normalize('NFD'), stored)).resolves.toBeDefined();
  });

  it('gets a fresh salt per key, so one password gives different wrapped keys', async () => {
    const a = await createDataKey('same', FAST);
    const b = await createDataKey('same', FAST);
    expect(Buffer.from(a.stored.salt).equals(Buffer.from(b.stored.salt))).toBe(false);
    expect(Buffer.from(a.stored.wrapped).equals(Buffer.from(b.stored.wrapped))).toBe(false);
  });

  it('is re-wrapped under a new password without changing the key', async () => {
    const { key, stored } = await createDataKey('old password', FAST);
    const sealed = await seal(key, 'ghi chú', 'drafts/x');
    const rewrapped = await rewrapDataKey('old password', stored, 'new password', FAST);
    await expect(unlockDataKey('old password', rewrapped)).rejects.toBeInstanceOf(WrongSecretError);
    await expect(open(await unlockDataKey('new password', rewrapped), sealed, 'drafts/x')).resolves.toBe('ghi chú');
    await expect(rewrapDataKey('not the old one', stored, 'x', FAST)).rejects.toBeInstanceOf(WrongSecretError);
  });

  it('uses the real iteration count by default', async () => {
    const { stored } = await createDataKey('mật khẩu đúng');
    expect(stored.iterations).toBe(KDF_ITERATIONS);
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });
});

describe('sealed values', () => {
  it('hold no plaintext, use a fresh IV each time, and round-trip JSON', async () => {
    const { key } = await createDataKey('s', FAST);
    const value = { name: 'Trần Văn Bình', phone: '0912345678', note: 'cần hỗ trợ VNeID' };
    const a = await seal(key, value, 'assistanceLogs/1');
    const b = await seal(key, value, 'assistanceLogs/1');
    expect(isSealed(a)).toBe(true);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    const bytes = Buffer.from(a.ct).toString('latin1');
    expect(bytes).not.toContain('0912345678');
    expect(bytes).not.toContain('VNeID');
    await expect(open(key, a, 'assistanceLogs/1')).resolves.toEqual(value);
  });

  it('cannot be opened in another place (context) or with another key, or after tampering', async () => {
    const { key } = await createDataKey('s', FAST);
    const { key: other } = await createDataKey('s', FAST);
    const sealed = await seal(key, 'x', 'assistanceLogs/1');
    await expect(open(key, sealed, 'assistanceLogs/2')).rejects.toThrow();
    await expect(open(other, sealed, 'assistanceLogs/1')).rejects.toThrow();
    const tampered = { ...sealed, ct: Uint8Array.from(sealed.ct, (byte, i) => (i === 0 ? byte ^ 1 : byte)) };
    await expect(open(key, tampered, 'assistanceLogs/1')).rejects.toThrow();
  });
});
