// Shared set-up for the unit suite (jsdom). IndexedDB comes from fake-indexeddb here;
// the e2e suite proves the same code on Chromium's real IndexedDB.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Screens arrive as lazy chunks with their strings; on a loaded 2-core machine the first import of a
// chunk (transform included) can take well over the library's 1 s default, so findBy* waits up to 10 s.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
