import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { ApiError } from './api/client';
import { ME_QUERY_KEY } from './auth/session';
import { RoleGate } from './components/role-gate';
import { SignedInLayout } from './components/signed-in-layout';
import { WEB_MODULES } from './modules';
import { HomePage } from './routes/home-page';
import { LoginPage } from './routes/login-page';
import { NotFoundPage } from './routes/not-found-page';
import { RouteErrorPage } from './routes/route-error-page';

/** A 401 on any request means the session ended: forget the user, and the layout sends them to sign in. */
function onApiError(error: unknown, client: () => QueryClient): void {
  if (error instanceof ApiError && error.status === 401) client().setQueryData(ME_QUERY_KEY, null);
}

/** Builds the query client; 4xx answers are final, only network/5xx failures are retried. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onApiError(error, () => client) }),
    mutationCache: new MutationCache({ onError: (error) => onApiError(error, () => client) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    {
      path: '/',
      element: <SignedInLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <HomePage /> },
        ...WEB_MODULES.map((m) => ({
          path: m.path,
          element: <RoleGate roles={m.roles} />,
          children: m.routes,
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export function App({
  queryClient,
  router,
}: {
  queryClient: QueryClient;
  router: ReturnType<typeof createRouter>;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
