import path from 'node:path';

/** Repository paths the journeys need, resolved from this file so any cwd works. */
export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const WEB_DIR = path.join(REPO_ROOT, 'web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');
