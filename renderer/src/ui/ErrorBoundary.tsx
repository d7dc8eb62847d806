/**
 * Error boundaries: a view that throws while rendering shows an error line (and, for a record,
 * its raw text) in its own place instead of unmounting the whole app. The boundary clears itself
 * when `resetKey` changes (another record opened, the text edited) or on "Try again".
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface BoundaryProps {
  /** A change clears the error and renders the children again. */
  resetKey?: unknown;
  fallback(error: Error, retry: () => void): ReactNode;
  children: ReactNode;
}

export class ErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A view failed to render', error, info.componentStack);
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    if (this.state.error && !Object.is(prev.resetKey, this.props.resetKey)) this.setState({ error: null });
  }

  private readonly retry = (): void => this.setState({ error: null });

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, this.retry) : this.props.children;
  }
}

/** The error line (and raw text) a failed view shows. Renders only plain text. */
export function ViewError({ what, error, raw, onRetry, className }: { what: string; error: Error; raw?: string; onRetry?: () => void; className?: string }) {
  return (
    <div className={`view-error${className ? ` ${className}` : ''}`} role="alert">
      <p className="error">
        {what} could not be shown ({error.name}: {error.message}).{raw !== undefined ? ' Its text as stored:' : ''}
      </p>
      {raw !== undefined ? <pre className="raw-text">{raw}</pre> : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A pane (sidebar, list, details) that keeps its place in the layout when it fails. */
export function PaneBoundary({ what, className, resetKey, children }: { what: string; className?: string; resetKey?: unknown; children: ReactNode }) {
  return (
    <ErrorBoundary resetKey={resetKey} fallback={(error, retry) => <ViewError what={what} error={error} onRetry={retry} className={className} />}>
      {children}
    </ErrorBoundary>
  );
}
