// One app server and one phone per suite, for the suites that follow a single member (the lock,
// the upgrade, sign-out): registered at the suite's top, read inside its tests once beforeAll ran.
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './browser';
import { startAppServer, type RunningServer } from './server';
import { signIn } from './sign-in';

export interface PhoneWorld {
  server: RunningServer;
  phone: Phone;
}

export function phoneWorld(env: Record<string, string>): PhoneWorld {
  // Filled in beforeAll: no test reads it before then.
  const world = {} as PhoneWorld;
  beforeAll(async () => {
    world.server = await startAppServer(env);
    world.phone = await launchPhone();
  });
  afterAll(async () => {
    await world.phone?.close();
    await world.server?.stop();
  });
  return world;
}

/** The first visit: the app installed (service worker in control), then an online sign-in. */
export async function installAndSignIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await waitForServiceWorkerControl(page);
  await signIn(page, baseUrl, username, password);
}
