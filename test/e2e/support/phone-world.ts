// One app server and its phones per suite: one phone for the suites that follow a single member
// (the lock, revocation, the upgrade, sign-out), named phones for those where two people meet (the
// admin and a member in accounts and reference data; a leader and a member in devices). Registered
// at the suite's top, read inside its tests once beforeAll ran. With it, the two steps those suites all take: the first visit, and one help logged
// through the form for a citizen who agrees to give their details.
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPhone, waitForServiceWorkerControl, type Phone } from './browser';
import { startAppServer, type RunningServer } from './server';
import { signIn } from './sign-in';

export type PhonesWorld<N extends string> = { server: RunningServer } & Record<N, Phone>;
export type PhoneWorld = PhonesWorld<'phone'>;

/** One app server (fresh data, free port) and the named phones, each launched with its options. */
export function phonesWorld<N extends string>(env: Record<string, string>, phones: Record<N, Parameters<typeof launchPhone>[0]>): PhonesWorld<N> {
  const names = Object.keys(phones) as N[];
  // Filled in beforeAll: no test reads it before then.
  const world = {} as PhonesWorld<N>;
  beforeAll(async () => {
    world.server = await startAppServer(env);
    const launched = await Promise.all(names.map((name) => launchPhone(phones[name])));
    names.forEach((name, i) => Object.assign(world, { [name]: launched[i] }));
  });
  afterAll(async () => {
    await Promise.all(names.map((name) => (world[name] as Phone | undefined)?.close() ?? Promise.resolve()));
    await world.server?.stop();
  });
  return world;
}

export function phoneWorld(env: Record<string, string>): PhoneWorld {
  return phonesWorld(env, { phone: {} });
}

/** The first visit: the app installed (service worker in control), then an online sign-in. */
export async function installAndSignIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await waitForServiceWorkerControl(page);
  await signIn(page, baseUrl, username, password);
}

/** The service the single-member suites log: the first of the catalogue's VNeID services. */
export const INSTALL = 'Cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử';

/** Logs one finished help through the form, for a citizen who agrees to give name, phone and note. */
export async function logCitizen(page: Page, citizen: { name: string; phone: string; note: string }): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỗ trợ' }).click();
  await page.getByRole('link', { name: 'Ghi mới' }).click();
  await page.getByRole('radio', { name: INSTALL }).check();
  await page.getByRole('radio', { name: 'Đã xong' }).check();
  await page.getByRole('checkbox', { name: 'Người dân đồng ý cho ghi thông tin' }).check();
  await page.getByLabel('Họ tên').fill(citizen.name);
  await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(citizen.phone);
  await page.getByLabel('Ghi chú').fill(citizen.note);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText(citizen.name).first().waitFor();
}
