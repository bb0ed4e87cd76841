// Shared set-up for the unit suite (jsdom). IndexedDB comes from fake-indexeddb here;
// the e2e suite proves the same code on Chromium's real IndexedDB.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
});
