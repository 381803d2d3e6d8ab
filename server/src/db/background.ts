import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs work that nobody is waiting on (a job) as background work: on PGlite, whose one
 * connection everyone shares, a request's queries go before background queries waiting for it
 * (db/pglite-pool.ts). On PostgreSQL each has its own connection and nothing changes.
 */
export function runInBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export function isInBackground(): boolean {
  return background.getStore() === true;
}
