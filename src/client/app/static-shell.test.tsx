// index.html paints a static copy of the app shell and the home screen before any script runs
// (docs/first-visit.md). React then replaces it; if the two differ, the first visit shows one
// thing and then another (a layout shift, or stale wording). This holds them together.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { renderApp } from '../../../test/helpers/render-app';
import { initI18n } from '../lib/i18n';
import { OpeningShell } from './opening';

const INDEX_HTML = readFileSync(path.join(import.meta.dirname, '../../../index.html'), 'utf8');

/**
 * An element as tag, sorted attributes and children; neighbouring text nodes joined (React writes
 * `{a} {b}` as several), white space collapsed.
 */
function shape(node: Element): unknown {
  // data-discover: react-router's marker for its route discovery; class="": NavLink's inactive
  // links. Neither changes what is painted.
  const attributes = [...node.attributes].filter((attribute) => attribute.name !== 'data-discover' && !(attribute.name === 'class' && attribute.value === '')).map((attribute) => `${attribute.name}=${attribute.value}`).sort();
  const children: unknown[] = [];
  let text = '';
  const flush = () => {
    if (text.trim() !== '') children.push(text.replace(/\s+/g, ' ').trim());
    text = '';
  };
  for (const child of node.childNodes) {
    if (child.nodeType === child.TEXT_NODE) text += child.textContent ?? '';
    else if (child instanceof Element) {
      flush();
      children.push(shape(child));
    }
  }
  flush();
  return [node.tagName.toLowerCase(), attributes, children];
}

function staticShell(): Document {
  return new DOMParser().parseFromString(INDEX_HTML, 'text/html');
}

const SELECTORS = ['.skip-link', '.top-bar .brand', '.screen-header', '.lead', '.tile-list', '.bottom-nav'];

function expectSameAsPainted(): void {
  const painted = staticShell();
  for (const selector of SELECTORS) {
    const before = painted.querySelector(selector);
    const after = document.querySelector(selector);
    expect(before, selector).not.toBeNull();
    expect(after, selector).not.toBeNull();
    expect(shape(before!), selector).toEqual(shape(after!));
  }
  const heading = (document_: Document) => document_.querySelector('.tile-list')?.previousElementSibling?.textContent;
  expect(heading(painted)).toBe(heading(document));
  expect(painted.querySelector('main')?.getAttribute('id')).toBe(document.querySelector('main')?.getAttribute('id'));
}

describe('the static app shell in index.html', () => {
  it('is what the app renders on Home: skip link, top bar, title, text, quick actions, bottom navigation', async () => {
    await renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Trang chủ' });
    expectSameAsPainted();
  });

  it('is what the app shows while the lock check loads, so React replacing it moves nothing', async () => {
    await initI18n('vi');
    render(
      <MemoryRouter initialEntries={['/']}>
        <OpeningShell />
      </MemoryRouter>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Trang chủ' });
    expectSameAsPainted();
  });

  it('needs no script to paint: no inline script, no inline style attribute, and the entry is a module', () => {
    const painted = staticShell();
    const scripts = [...painted.querySelectorAll('script')];
    expect(scripts.every((script) => script.type === 'module' && script.src !== '')).toBe(true);
    expect(painted.querySelectorAll('#root [style]')).toHaveLength(0);
  });
});
