// For suites that seed a signed-in member straight into IndexedDB (the benches): the member's
// wrapped data key, made with the raw WebCrypto API in the stored format of
// src/client/data/vault (crypto.ts WrappedKey, vault.ts VaultRecord), so the app's lock screen
// unlocks with `password` exactly as it would after a real first sign-in.
import type { Page } from 'playwright-core';

export async function seedMemberKey(page: Page, user: { id: string; communeId: string | null }, password: string): Promise<void> {
  await page.evaluate(
    async ({ userId, communeId, secret }) => {
      const subtle = crypto.subtle;
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const iterations = 600_000;
      const material = await subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
      const wrapping = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-KW', length: 256 }, false, ['wrapKey']);
      const dataKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
      const wrapped = new Uint8Array(await subtle.wrapKey('raw', dataKey, wrapping, 'AES-KW'));
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('so-tay-so');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = database.transaction('settings', 'readwrite');
        tx.objectStore('settings').put({
          key: `vault:${userId}:${communeId}`,
          value: { wrapped: { v: 1, kdf: 'PBKDF2', hash: 'SHA-256', iterations, salt, wrapped }, failures: 0, lastFailureAt: null },
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      database.close();
    },
    { userId: user.id, communeId: user.communeId, secret: password },
  );
}
