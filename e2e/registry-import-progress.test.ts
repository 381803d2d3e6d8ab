import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegistryFiles } from '../server/src/domains/registry/generate/generator';
import { isBrowserAvailable, login, screenshot, switchToEnglish, useJourney } from './support';

const HOUSEHOLDS = 12_000;

/**
 * A district-sized upload on the embedded database (the journeys' server runs on PGlite): the
 * progress bar moves while the job writes, and another officer can search meanwhile.
 * Before background work and short transactions, the job held the app until it ended: the bar
 * jumped from nothing to done and every other page waited.
 */
describe.skipIf(!isBrowserAvailable())('registry import progress on the embedded database', () => {
  const journey = useJourney({ timeoutMs: 200_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-e2e-progress-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('moves the bar batch by batch, and answers another officer meanwhile', async () => {
    await generateRegistryFiles({ households: HOUSEHOLDS, seed: 'e2e-progress', outDir: dir });
    const officer = (await journey.openPage()).page;
    await login(officer, 'national');
    await switchToEnglish(officer);
    const other = (await journey.openPage()).page;
    await login(other, 'commune');
    await switchToEnglish(other);
    await other.goto('/registry');

    await officer.goto('/registry/import');
    await officer.getByLabel('File households.csv').setInputFiles(path.join(dir, 'households.csv'));
    await officer.getByLabel('File members.csv').setInputFiles(path.join(dir, 'members.csv'));
    await officer.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = officer.getByText(
      /Imported 12,000, updated 0, unchanged 0, rejected 0 households; [\d,]+ member rows/,
    );
    const phase = officer.getByText(/^(Checking every row: step|Writing:|Rebuilding the search indexes:)/);

    // Meanwhile the commune officer searches, and is answered before the import ends.
    await phase.first().waitFor({ timeout: 60_000 });
    await other.getByLabel('Name, ID, phone or reference').fill('Sok');
    await other.getByRole('button', { name: 'Search' }).click();
    await other.getByRole('table').waitFor({ timeout: 30_000 });
    expect(await summary.count()).toBe(0);

    // The bar, read every 200 ms until the end: what the officer saw it say on the way.
    const seen = new Set<string>();
    const deadline = Date.now() + 120_000;
    while ((await summary.count()) === 0) {
      if (Date.now() > deadline) {
        await screenshot(officer, 'registry-import-progress-stuck');
        throw new Error(`no summary after 2 minutes; the bar said: ${[...seen].join(' | ')}`);
      }
      const text = await phase
        .first()
        .textContent({ timeout: 500 })
        .catch(() => null);
      if (text) seen.add(text);
      await officer.waitForTimeout(200);
    }
    const partway = [...seen].filter((text) => {
      const [done, total] = (text.match(/[\d,]+/g) ?? []).map((n) => Number(n.replaceAll(',', '')));
      return done !== undefined && total !== undefined && done > 0 && done < total;
    });
    // Checking 12,000 households takes about a second here, as long as the page's poll, so a
    // rule's step shows only sometimes; that each rule commits and shows is proved in
    // import.test.ts. The write shows each of its batches.
    expect(
      partway.filter((text) => text.startsWith('Writing')),
      [...seen].join(' | '),
    ).toEqual(['Writing: 5,000 of 12,000 households', 'Writing: 10,000 of 12,000 households']);
    await screenshot(officer, 'registry-import-progress-done');
  });
});
