// The period report's Word file at 4× CPU slowdown (issue 15: under 2 s), measured on the reports
// bench's phone (offline, 100,000 logs stored): from a tap on "Tải tệp Word" in the current period's
// draft to the file handed to the browser, the first tap (the docx chunk loaded from the service
// worker's cache, then the file made) and the median of the next ones. The baseline is the page's
// DOM calibration at the same slowdown (page-calibration.ts), measured in the same minute.
import type { CDPSession, Page } from 'playwright-core';
import { domCalibration } from './page-calibration';
import { context, median, ratioAtMost, type Measurement } from './measurement';

const RUNS = 5;
/** The Word file at 4× ≤ this many DOM calibrations at 4×: at the 30 ms the calibration measured at 4× when this was set (load 25), 1.5 s, inside the 2 s. */
const DOCX_VS_DOM = 50;

async function makeDocx(page: Page): Promise<number> {
  const started = performance.now();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('docx-button').click();
  await download;
  return performance.now() - started;
}

/** On a phone showing the reports screen, offline: opens the current period's draft and makes its .docx at 4× CPU. */
export async function docxAt4x(page: Page, cdp: CDPSession, logs: number): Promise<Measurement[]> {
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
  await page.getByRole('button', { name: /^Kỳ hiện tại/ }).click();
  await page.getByTestId('period-report-editor').waitFor({ timeout: 60_000 });
  await page.getByTestId('period-results').waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  try {
    const calibration = await domCalibration(page);
    const first = await makeDocx(page);
    const next: number[] = [];
    for (let run = 0; run < RUNS; run++) next.push(await makeDocx(page));
    const label = `period report .docx at 4× CPU over ${logs.toLocaleString('en')} logs`;
    return [
      ratioAtMost(`${label}, first tap (library loaded, file made) / DOM calibration at 4×`, first, calibration, 'ms', DOCX_VS_DOM),
      context(`${label}: first tap (issue: < 2 s)`, first, 'ms'),
      context(`${label}: median of the next ${RUNS} taps`, median(next), 'ms'),
    ];
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}
