// The frame of every screen: one h1 (axe and screen readers need it) and the content.
import type { ReactElement, ReactNode } from 'react';

export function Screen({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }): ReactElement {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <h1 id="screen-title">{title}</h1>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }): ReactElement {
  return <p className="empty-state">{children}</p>;
}
