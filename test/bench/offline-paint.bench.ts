// First contentful paint of a reload served by the service worker with no network,
// in headless Chromium with 4× CPU slowdown (a cheap Android phone).
import { atMost, median, type Measurement } from './measurement';
import { launchPhone, waitForServiceWorkerControl } from '../e2e/support/browser';
import { startAppServer } from '../e2e/support/server';

const RUNS = 5;

export async function runOfflinePaintBench(): Promise<Measurement[]> {
  const server = await startAppServer();
  const phone = await launchPhone();
  try {
    await phone.page.goto(server.url);
    await waitForServiceWorkerControl(phone.page);
    await server.stop();
    await phone.context.setOffline(true);
    const cdp = await phone.context.newCDPSession(phone.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const paints: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await phone.page.reload({ waitUntil: 'load' });
      await phone.page.getByRole('heading', { level: 1 }).waitFor();
      const fcp = await phone.page.evaluate(
        () => new Promise<number>((resolve) => {
          const entry = performance.getEntriesByName('first-contentful-paint')[0];
          if (entry) return resolve(entry.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0]?.startTime ?? Number.NaN)).observe({ type: 'paint', buffered: true });
        }),
      );
      paints.push(fcp);
    }
    return [atMost('offline reload FCP, 4× CPU slowdown (median of 5)', median(paints), 'ms', 1000)];
  } finally {
    await phone.close();
    await server.stop();
  }
}
