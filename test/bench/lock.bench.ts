// Unlock budget (docs/security.md "Key derivation"): derive the wrapping key from the password
// (PBKDF2-SHA256, 600,000 iterations) and unwrap the data key, read from the app's own User Timing
// entry `vault:unlock`, in headless Chromium. Chromium runs WebCrypto off the main thread, where
// DevTools' CPU slowdown does not reach; so the budget holds BOTH the time measured under the 4×
// slowdown and 4× the unthrottled time (a phone whose CPU is 4× slower throughout) under 1.5 s.
import { atMost, median, type Measurement } from './measurement';
import { seedSignedIn, withBenchPhone } from './bench-phone';
import { unlock } from '../e2e/support/sign-in';
import { seedMemberKey } from '../e2e/support/vault-seed';
import type { Page } from 'playwright-core';

const RUNS = 5;
const PASSWORD = 'bench-lock-password';
const MEMBER = { id: '0197c1a2-0000-7000-8000-0000000000c1', username: 'bench-lock', displayName: 'Thành viên (bench)', role: 'member', communeId: 'bench-commune' };

async function unlockTimes(page: Page, reloadUrl: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(reloadUrl);
    await unlock(page, PASSWORD);
    times.push(await page.evaluate(() => performance.getEntriesByName('vault:unlock').at(-1)!.duration));
  }
  return times;
}

export async function runLockBench(): Promise<Measurement[]> {
  return withBenchPhone(async ({ server, page, context }) => {
    await seedSignedIn(page, MEMBER);
    await seedMemberKey(page, MEMBER, PASSWORD);
    await server.stop();
    await context.setOffline(true);
    const url = `${server.url}/settings`;
    const plain = await unlockTimes(page, url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const throttled = await unlockTimes(page, url);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    process.stdout.write(
      `  unlock (PBKDF2-SHA256 600,000 iterations + AES-KW unwrap): median ${median(plain).toFixed(0)} ms unthrottled [${plain.map((t) => t.toFixed(0)).join(', ')}], ` +
        `${median(throttled).toFixed(0)} ms under 4× CPU slowdown [${throttled.map((t) => t.toFixed(0)).join(', ')}]\n`,
    );
    return [
      atMost(`unlock (derive + unwrap), 4× CPU slowdown (median of ${RUNS})`, median(throttled), 'ms', 1500),
      atMost(`unlock (derive + unwrap), 4 × unthrottled time (median of ${RUNS})`, 4 * median(plain), 'ms', 1500),
    ];
  });
}
