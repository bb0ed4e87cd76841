// `npm run bench`: every budget of the project in one run. Prints the machine's calibration
// figures, then a table — each ratio with its budget and the absolute figures it divides — and
// writes the same figures to BENCH_OUT (default bench-results.json) as
// [{ name, value, unit, budget, ok, context? }]. Exit code 1 when a budget is missed. Each issue
// adds its bench module to the list below.
import { writeFileSync } from 'node:fs';
import type { Measurement } from './measurement';
import { machineCalibration } from './calibration';
import { runBundleBench } from './bundle.bench';
import { runOfflinePaintBench } from './offline-paint.bench';
import { runServerBench } from './server.bench';
import { runChecklistsBench } from './checklists.bench';
import { runReportsBench } from './reports.bench';
import { runCompiledReportBench } from './compiled-report.bench';
import { runProvinceViewBench } from './province-view.bench';
import { runAssistanceBench } from './assistance.bench';
import { runLogScrollBench } from './log-scroll.bench';
import { runSyncClientBench } from './sync-client.bench';
import { runSync2gBench } from './sync-2g.bench';
import { runLockBench } from './lock.bench';
import { runSealingBench } from './sealing.bench';
import { runLighthouseBench } from './lighthouse.bench';
import { runPrivacyBench } from './privacy.bench';
import { runRetentionBench } from './retention.bench';
import { runPhoneRetentionBench } from './retention-phone.bench';
import { runGuidesBench } from './guides.bench';
import { runPhoneErasureBench } from './phone-erasure.bench';
import { runAccountsBench } from './accounts.bench';
import { runHandOverQrBench } from './hand-over-qr.bench';
import { runHandOverImportBench } from './hand-over-import.bench';

const benches: { name: string; run: () => Promise<Measurement[]> | Measurement[] }[] = [
  { name: 'bundle', run: runBundleBench },
  { name: 'offline paint', run: runOfflinePaintBench },
  { name: 'lighthouse first visit', run: runLighthouseBench },
  { name: 'sync server', run: runServerBench },
  { name: 'checklists', run: runChecklistsBench },
  { name: 'reports', run: runReportsBench },
  { name: 'province compiled', run: runCompiledReportBench },
  { name: 'province view', run: runProvinceViewBench },
  { name: 'assistance', run: runAssistanceBench },
  { name: 'log scroll', run: runLogScrollBench },
  { name: 'sync client', run: runSyncClientBench },
  { name: 'sync 2g', run: runSync2gBench },
  { name: 'lock', run: runLockBench },
  { name: 'sealing', run: runSealingBench },
  { name: 'privacy erasure', run: runPrivacyBench },
  { name: 'privacy phone erasure', run: runPhoneErasureBench },
  { name: 'privacy retention', run: runRetentionBench },
  { name: 'privacy retention on the phone', run: runPhoneRetentionBench },
  { name: 'guides', run: runGuidesBench },
  { name: 'accounts', run: runAccountsBench },
  { name: 'hand-over qr', run: runHandOverQrBench },
  { name: 'hand-over import', run: runHandOverImportBench },
];

const only = process.argv.slice(2);
const results: Measurement[] = machineCalibration();
for (const bench of benches) {
  if (only.length > 0 && !only.some((word) => bench.name.includes(word))) continue;
  process.stdout.write(`… ${bench.name}\n`);
  results.push(...(await bench.run()));
}

const isContext = (m: Measurement) => m.name.endsWith('[context]');
const rows = results.map((m) => [m.ok ? 'ok' : 'OVER', m.name, `${m.value} ${m.unit}`.trim(), isContext(m) ? '' : `${m.budget} ${m.unit}`.trim(), m.context ?? '']);
const widths = [4, ...[1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i]!.length), 6))];
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
process.stdout.write(`\n${line(['', 'budget', 'value', 'limit', 'measured / baseline'])}\n${rows.map(line).join('\n')}\n`);

const out = process.env.BENCH_OUT ?? 'bench-results.json';
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten to ${out}\n`);
process.exitCode = results.every((m) => m.ok) ? 0 : 1;
