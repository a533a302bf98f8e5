import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Loading } from '@web/ui/Page';

/**
 * A page component loaded on first use (our pages are named exports: `load` picks it from its
 * module): Vite makes each such module a chunk of its own.
 */
export function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>): LazyExoticComponent<ComponentType<Props>> {
  return lazy(async () => ({ default: await load() }));
}

/** What shows while a page's script loads. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>;
}
