// What the tour looks for on each screen besides taking its picture, measured in the page: the
// defects a reviewer would otherwise have to spot by eye. Printed beside the picture's name.
import type { Page } from 'playwright-core';

export async function pageFindings(page: Page): Promise<string[]> {
  // tsx compiles with esbuild's keepNames, which wraps the named helpers below in a __name() call
  // that exists in Node, not in the page.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(() => {
    const findings: string[] = [];
    // An input's placeholder longer than its box.
    for (const input of document.querySelectorAll<HTMLInputElement>('main input[placeholder]')) {
      const probe = document.createElement('span');
      const style = getComputedStyle(input);
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${style.font}`;
      probe.textContent = input.placeholder;
      document.body.append(probe);
      const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      if (probe.getBoundingClientRect().width > room + 1) findings.push(`placeholder cut: "${input.placeholder}"`);
      probe.remove();
    }
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) findings.push(`the page is ${overflow}px wider than the screen`);
    for (const span of document.querySelectorAll<HTMLElement>('.bottom-nav a span')) {
      const lineHeight = Number.parseFloat(getComputedStyle(span).lineHeight);
      if (Math.round(span.getBoundingClientRect().height / lineHeight) > 1) findings.push(`nav label "${span.textContent}" wraps`);
      if (span.scrollWidth > span.closest('a')!.clientWidth) findings.push(`nav label "${span.textContent}" is wider than its tab`);
    }
    // Only what a person sees: not a screen reader's hidden label, not the inside of a folded group.
    const seen = (element: HTMLElement) => element.clientWidth > 2 && element.checkVisibility() && !element.closest('details:not([open]) > :not(summary)');
    // Text cut by its box: an element that hides its overflow and holds more than it shows. A one-line
    // list row ending in "…" is a choice (its screen shows it whole), so ellipsis is reported apart.
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      if (!seen(element)) continue;
      const style = getComputedStyle(element);
      if (style.overflowX !== 'hidden' && style.overflowX !== 'clip' && style.textOverflow !== 'ellipsis') continue;
      if (element.scrollWidth > element.clientWidth + 1 && (element.textContent ?? '').trim() !== '') {
        findings.push(`${style.textOverflow === 'ellipsis' ? 'ends in …' : 'cut text'}: "${(element.textContent ?? '').trim().slice(0, 60)}"`);
      }
    }
    // Anything sticking out of the screen's right edge (a button row, a table cell).
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const box = element.getBoundingClientRect();
      if (seen(element) && box.right > window.innerWidth + 1 && !element.closest('[data-scrolls], .table-scroll, [role="region"]')) {
        findings.push(`sticks out on the right: <${element.tagName.toLowerCase()}> "${(element.textContent ?? '').trim().slice(0, 40)}"`);
        break;
      }
    }
    const text = document.body.innerText;
    // An i18next key shown instead of its words ("export.columns.topic"), or an id instead of a name.
    for (const match of text.matchAll(/\b[a-z][a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+\b/g)) {
      if (!/\.(vn|com|gov|org|net|me)\b/.test(match[0]) && !/^\d/.test(match[0])) findings.push(`untranslated key? "${match[0]}"`);
    }
    for (const match of text.matchAll(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|…[0-9a-f]{6}\b|demo-xa-[a-z-]+/g)) findings.push(`an id on screen: "${match[0]}"`);
    return [...new Set(findings)];
  });
}
