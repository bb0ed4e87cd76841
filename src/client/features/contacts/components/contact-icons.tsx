// Icons used only by the directory (inline SVG, decorative: every button also has text).
import type { ReactElement } from 'react';

const paths = {
  phone: 'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
  chat: 'M4 4h16v12H8l-4 4z',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  share: 'M18 8a3 3 0 1 0-3-3M6 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm12 7a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8.6 13.5l6.8 4M15.4 6.5l-6.8 4',
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  plus: 'M12 5v14M5 12h14',
  mail: 'M3 5h18v14H3zM3 6l9 7 9-7',
  check: 'M5 12.5l4.5 4.5L19 7.5',
} as const;

export type ContactIconName = keyof typeof paths;

export function ContactIcon({ name, filled = false }: { name: ContactIconName; filled?: boolean }): ReactElement {
  return (
    <svg width={22} height={22} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className={filled ? 'contact-icon filled' : 'contact-icon'}>
      <path d={paths[name]} />
    </svg>
  );
}
