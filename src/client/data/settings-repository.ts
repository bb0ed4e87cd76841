// Device preferences kept in IndexedDB (the shared phone's UI language, …).
import { db } from './db';

export async function getSetting<T>(key: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row && isValid(row.value) ? row.value : undefined;
}

export async function putSetting(key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
