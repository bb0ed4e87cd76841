// Catches a screen that fails to render or a lazy chunk that fails to load, and offers a reload
// instead of a blank page.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { log } from '../lib/log';

interface Props { fallback: ReactNode; children: ReactNode; resetKey: string }
interface State { failed: boolean; resetKey: string }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  // Navigating elsewhere clears the error, so one broken screen does not break the app.
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    log.error('screen failed', { message: error.message, stack: info.componentStack });
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
