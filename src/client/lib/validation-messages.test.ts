// Every message the shared schemas and the privacy guard can produce has a translation.
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { VALIDATION_KEYS } from '../../shared/schemas/validation-keys';
import { PRIVACY_WARNING_KEYS } from '../../shared/text/privacy-guard';
import { applyLanguage, initI18n } from './i18n';

describe('validation and privacy messages', () => {
  it.each(['vi', 'en'] as const)('are all translated in %s', async (language) => {
    await initI18n(language);
    await applyLanguage(language);
    for (const key of [...VALIDATION_KEYS, ...PRIVACY_WARNING_KEYS]) {
      expect(i18next.exists(key), key).toBe(true);
    }
    await applyLanguage('vi');
  });
});
