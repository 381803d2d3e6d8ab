import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The export's header as documented (issue 3, docs/registry.md): the 13 columns of members.csv,
 * then the export's own extras. Written out here, not imported from the server, so a journey
 * fails if the server's list drifts from the documented contract.
 */
export const DOCUMENTED_EXPORT_HEADER = [
  'member_ref',
  'household_ref',
  'family_name_km',
  'given_name_km',
  'family_name_latin',
  'given_name_latin',
  'sex',
  'birth_date',
  'relation_to_head',
  'national_id',
  'phone',
  'disability',
  'chronic_illness',
  'village_code',
  'status',
  'death_date',
];
/** Where the export's extras start: after the 13 import columns. */
export const IMPORT_COLUMN_COUNT = 13;

/**
 * Imports registry files through the API with the page's session (the import screen has its
 * own journey) and waits for the import job to finish. Returns the run's counts.
 */
export async function importRegistryFiles(
  page: Page,
  files: { households: string; members: string },
  timeoutMs = 90_000,
): Promise<{ imported: number; rejected: number; issues: number }> {
  const started = await page.request.post('/api/registry/imports', {
    data: { householdsCsv: files.households, membersCsv: files.members, fileName: 'e2e' },
  });
  expect(started.status(), await started.text()).toBe(202);
  const run = (await started.json()) as { id: string; jobId: string };
  await expect
    .poll(
      async () => {
        const job = await page.request.get(`/api/jobs/${run.jobId}`);
        return ((await job.json()) as { status: string }).status;
      },
      { timeout: timeoutMs, interval: 500 },
    )
    .toBe('succeeded');
  const done = await page.request.get(`/api/registry/imports/${run.id}`);
  return (await done.json()) as { imported: number; rejected: number; issues: number };
}

/**
 * The approver's queue card mentioning `text`, reloading while a busy server catches up.
 * Cards are told apart by the reason given when proposing, so give each proposal its own.
 */
export async function queueCard(page: Page, text: string): Promise<Locator> {
  const card = page.locator('li.card', { hasText: text });
  await page.goto('/registry/changes');
  await expect
    .poll(
      async () => {
        await page.waitForLoadState('networkidle');
        if ((await card.count()) > 0) return card.count();
        await page.reload();
        return 0;
      },
      { timeout: 60_000, interval: 2_000 },
    )
    .toBe(1);
  return card;
}

/** Approves the queue card mentioning `text` and waits until it leaves the queue. */
export async function approveInQueue(page: Page, text: string): Promise<void> {
  const card = await queueCard(page, text);
  await card.getByRole('button', { name: 'Approve' }).click();
  await card.waitFor({ state: 'detached', timeout: 30_000 });
}
