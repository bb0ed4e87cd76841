// Profiles the app's first sync of N logs (default 10,000) in headless Chromium with the V8
// sampling profiler (CDP), and prints where the page's main thread spent its time, by function.
//   node --import tsx test/bench/profile-first-sync.ts [count] [dist dir]
//   PROFILE_INCREMENTAL=10 node --import tsx test/bench/profile-first-sync.ts 2000   (incremental rounds)
// An unminified build reads better: `npx vite build --minify false --outDir /tmp/dist-unmin`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchPhone } from '../e2e/support/browser';
import { startAppServer } from '../e2e/support/server';
import { apiLogin } from '../e2e/support/api-client';
import { appRound, floorPull, prepareFloor, resetAppSync, signedInAfterFirstRound } from './floor-client';
import { seedForProfile, seedLogs } from './realistic-logs';
import { SYNC_TABLES } from '../../src/shared/schemas/tables';
import { summarize, type Profile } from './cpu-profile';


const count = Number(process.argv[2] ?? 10_000);
/** PROFILE_INCREMENTAL=N: then N rounds of 100 new logs each, profiled instead of the first sync. */
const incremental = Number(process.env.PROFILE_INCREMENTAL ?? 0);
const dist = process.argv[3];
const password = 'profile-password';
const dataDir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-profile-'));
const server = await startAppServer({ DEMO_PASSWORD: password, DATA_DIR: dataDir, SYNC_RATE_LIMIT: '0', WRITE_QUOTA_USER: '0', WRITE_QUOTA_COMMUNE: '0', WRITE_QUOTA_USER_BYTES: '0', WRITE_QUOTA_COMMUNE_BYTES: '0', ...(dist ? { DIST_DIR: dist } : {}) });
const phone = await launchPhone();
try {
  const { page } = phone;
  await phone.context.addInitScript('globalThis.__name = (fn) => fn;');
  await signedInAfterFirstRound(page, server.url, password);
  const leader = await apiLogin(server.url, 'demo-leader', password);
  await seedForProfile(server.url, leader, count);
  const member = await apiLogin(server.url, 'demo-member', password);
  for (let run = 0; run < 2; run++) {
    await prepareFloor(page, SYNC_TABLES);
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const floor = await floorPull(page, member.accessToken, undefined);
    const floorProfile = ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
    if (run === 1 && process.env.PROFILE_FLOOR) summarize(floorProfile);
    await resetAppSync(page, SYNC_TABLES);
    await cdp.send('Profiler.start');
    const ms = await appRound(page);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.detach();
    process.stdout.write(`run ${run}: app ${ms.toFixed(0)} ms, floor ${floor.ms.toFixed(0)} ms (${(ms / floor.ms).toFixed(2)}×)\n`);
    if (run === 1) {
      writeFileSync('/tmp/first-sync.cpuprofile', JSON.stringify(profile));
      if (!incremental) summarize(profile);
    }
  }
  if (incremental > 0) {
    // Incremental rounds of 100 new logs each, profiled together (the floor's time printed beside).
    let floorCursor = (await floorPull(page, member.accessToken, undefined)).cursor;
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    for (let run = 0; run < incremental; run++) {
      await seedLogs(server.url, leader, 100, 100 + run);
      const floor = await floorPull(page, member.accessToken, floorCursor);
      floorCursor = floor.cursor;
      const ms = await appRound(page);
      process.stdout.write(`incremental ${run}: app ${ms.toFixed(0)} ms, floor ${floor.ms.toFixed(0)} ms (${(ms / floor.ms).toFixed(2)}×)\n`);
    }
    summarize(((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile);
  }
} finally {
  await phone.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
