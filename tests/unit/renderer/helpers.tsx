/** Test helpers for renderer components: a fake DossierApi and the workspace providers. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { AppApi } from '../../../renderer/src/app/api';
import { WorkspaceContext, type Workspace } from '../../../renderer/src/app/workspace';
import { ToastProvider } from '../../../renderer/src/ui/Toasts';

type Method = (input: never) => Promise<unknown>;

/** Only the given methods answer; a call to any other fails loudly. */
export function fakeApi(methods: Record<string, Method>): AppApi {
  return new Proxy(methods, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in target) return target[prop];
      return () => Promise.reject(new Error(`fake api: ${prop} was not expected`));
    },
  }) as unknown as AppApi;
}

export function renderInWorkspace(ui: ReactElement, api: AppApi, overrides: Partial<Workspace> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const ws: Workspace = {
    api,
    route: { view: 'home' },
    open: vi.fn(),
    section: { kind: 'reports' },
    setSection: vi.fn(),
    setDialog: vi.fn(),
    run: vi.fn(),
    recent: [],
    remember: vi.fn(),
    ...overrides,
  };
  const result = render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <WorkspaceContext.Provider value={ws}>{ui}</WorkspaceContext.Provider>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...result, ws };
}
