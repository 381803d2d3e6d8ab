/** Helpers for Playwright journeys: a real server, a real Chromium, and signing in. */
export { type A11yProblem, findA11yProblems } from './a11y';
export {
  findChromium,
  isBrowserAvailable,
  launchBrowser,
  openPage,
  SKIP_MESSAGE,
  screenshot,
} from './browser';
export { ensureWebBuilt, isWebBuildStale } from './build-web';
export { switchToEnglish, useJourney } from './journey';
export { DEMO_PASSWORD, login } from './login';
export { ARTIFACTS_DIR, REPO_ROOT, WEB_DIST } from './paths';
export {
  approveInQueue,
  DOCUMENTED_EXPORT_HEADER,
  IMPORT_COLUMN_COUNT,
  importRegistryFiles,
  queueCard,
} from './registry';
export { freePort, type RunningServer, startServer } from './server';
