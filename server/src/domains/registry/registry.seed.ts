import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database';
import type { AuditContext } from '../../platform/audit/audit';
import { detectDuplicates } from './dedup/dedup.service';
import { generateRegistryFiles } from './generate/generator';
import { applyImport, prepareImport } from './import/import.service';

export const DEMO_HOUSEHOLDS = 400;

/**
 * Demo registry for `npm start`: a few hundred synthetic households from the generator,
 * heavier where the demo users work (province 02, commune 020101, village 02010101), imported
 * through the real import, then duplicate detection so the review queue has work in it.
 * Idempotent: does nothing when demo households exist.
 */
export async function seedRegistryDemo(options: {
  database: Database;
  audit: AuditContext;
  log: (line: string) => void;
}) {
  const { database } = options;
  const existing = await database.db
    .selectFrom('household')
    .select('id')
    .where('household_ref', 'like', 'DEMO-%')
    .limit(1)
    .executeTakeFirst();
  if (existing) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-demo-registry-'));
  try {
    const generated = await generateRegistryFiles({
      households: DEMO_HOUSEHOLDS,
      seed: 'demo',
      outDir: dir,
      refPrefix: 'DEMO-',
      duplicateRate: 0.05,
      focusAreas: [
        { code: '02010101', share: 0.3 },
        { code: '020101', share: 0.25 },
        { code: '02', share: 0.3 },
      ],
    });
    const { runId } = await prepareImport({
      database,
      actor: options.audit.actor,
      input: {
        households: { path: path.join(dir, 'households.csv') },
        members: { path: path.join(dir, 'members.csv') },
        householdsName: 'demo households.csv',
        membersName: 'demo members.csv',
      },
    });
    const summary = await applyImport({ database, actor: options.audit.actor, runId });
    const found = await detectDuplicates({ database });
    options.log(
      `registry: ${summary.imported} demo households (${generated.members} members), ${found.candidates} duplicate candidates to review`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
