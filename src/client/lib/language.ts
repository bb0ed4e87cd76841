// The UI language of this phone: remembered in IndexedDB, applied through i18next.
import { getSetting, putSetting } from '../data/settings-repository';
import { applyLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n';

const KEY = 'language';

export async function loadSavedLanguage(): Promise<Language> {
  try {
    return (await getSetting(KEY, isLanguage)) ?? DEFAULT_LANGUAGE;
  } catch {
    // IndexedDB unavailable (private mode, storage wiped): Vietnamese is always a safe start.
    return DEFAULT_LANGUAGE;
  }
}

export async function chooseLanguage(language: Language): Promise<void> {
  await applyLanguage(language);
  await putSetting(KEY, language);
}
