// The machine's speed at this minute, measured in the page a bench drives: budgets on screen
// timings that have no natural floor (opening a list, a checklist) are ratios to this figure.
// It is the work every screen does — create a list of elements, style, lay out and paint it —
// without the app: 50 items of a heading, a line of text and a link, then the next frame.
import type { Page } from 'playwright-core';
import { median } from './measurement';

export async function domCalibration(page: Page, runs = 7): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const started = performance.now();
            const list = document.createElement('ul');
            for (let i = 0; i < 50; i++) {
              const item = document.createElement('li');
              const title = document.createElement('h3');
              title.textContent = `Nguyễn Thị Hoa ${i} — Kích hoạt tài khoản định danh điện tử mức 2`;
              const text = document.createElement('p');
              text.textContent = 'Hướng dẫn bà con cài đặt ứng dụng VNeID trên điện thoại, đã xong.';
              const link = document.createElement('a');
              link.href = `#log-${i}`;
              link.textContent = 'Xem';
              item.append(title, text, link);
              list.append(item);
            }
            document.body.append(list);
            void list.offsetHeight;
            requestAnimationFrame(() => {
              const ms = performance.now() - started;
              list.remove();
              resolve(ms);
            });
          }),
      ),
    );
  }
  return median(times);
}
