// Why a save started by a tap cannot commit sooner than the next frame (docs/performance.md
// "Saving a record"): a bare page, no app, no Dexie, runs one strict IndexedDB transaction (a get,
// then a put) either from a script or from a click, and prints when the get's answer came and when
// the transaction completed. After a discrete input (a tap, a click) Chromium holds the page's
// other tasks until it has drawn the next frame — IndexedDB's answers among them — so the clicked
// transaction waits for that frame; `--disable-features=DeferRendererTasksAfterInput` shows it.
//   node --import tsx test/bench/tap-deferral.ts [runs, 15] [extra Chromium flag]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, PHONE_VIEWPORT } from '../e2e/support/browser';
import { median } from './measurement';

const runs = Number(process.argv[2] ?? 15);
const flag = process.argv[3];

const PAGE = `<!doctype html><title>tap</title><button id="save" style="width:200px;height:80px">Save</button><script>
const open = indexedDB.open('tap', 1);
open.onupgradeneeded = () => open.result.createObjectStore('records');
open.onsuccess = () => { window.database = open.result; };
window.results = [];
window.save = (started = performance.now()) => {
  const tx = window.database.transaction(['records'], 'readwrite', { durability: 'strict' });
  const store = tx.objectStore('records');
  let answered = 0;
  store.get('one').onsuccess = () => { answered = performance.now() - started; store.put({ at: started }, 'one'); };
  tx.oncomplete = () => window.results.push({ answered, committed: performance.now() - started });
};
document.getElementById('save').addEventListener('click', (event) => window.save(event.timeStamp));
</script>`;

const server = http.createServer((_request, response) => response.setHeader('content-type', 'text/html').end(PAGE)).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless=new', '--no-sandbox', '--disable-gpu', ...(flag ? [flag] : [])] });
try {
  const page = await browser.newPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'database' in window);
  type Result = { answered: number; committed: number };
  const last = async (count: number): Promise<Result> => {
    await page.waitForFunction((count) => (window as unknown as { results: Result[] }).results.length > count, count);
    return page.evaluate(() => (window as unknown as { results: Result[] }).results.at(-1)!);
  };
  const scripted: Result[] = [];
  const clicked: Result[] = [];
  for (let run = 0; run < runs; run++) {
    await page.evaluate(() => (window as unknown as { save: () => void }).save());
    scripted.push(await last(run * 2));
    await page.click('#save');
    clicked.push(await last(run * 2 + 1));
    await page.waitForTimeout(50);
  }
  const fmt = (results: Result[]) => `answered ${median(results.map((r) => r.answered)).toFixed(1)} ms, committed ${median(results.map((r) => r.committed)).toFixed(1)} ms`;
  process.stdout.write(`${flag ?? '(Chromium as shipped)'}, medians of ${runs}: from a script ${fmt(scripted)}; from a click ${fmt(clicked)}\n`);
} finally {
  await browser.close();
  server.close();
}
