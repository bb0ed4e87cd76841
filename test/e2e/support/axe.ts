// Runs axe-core inside the page. Injected through the DevTools protocol (page.evaluate), so the
// app's strict CSP stays on while we test it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: string[] }

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * No violation on a phone (360 × 740) nor on a desktop (1280 × 800); the page is left at phone size.
 * `screen` names the page in a failure (its path when not given).
 */
export async function axeAtBothSizes(page: Page, screen: string = new URL(page.url()).pathname): Promise<void> {
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  await page.setViewportSize({ width: 360, height: 740 });
}

/** Nothing wider than the viewport: the page never scrolls sideways (360 px phones). */
export async function expectNoSideScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
