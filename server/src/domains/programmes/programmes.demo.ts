import type { Database } from '../../db/database';
import type { AuditContext } from '../../platform/audit/audit';
import { insertHousehold } from './testing/fixtures';

/** A demo village of the demo commune, with a few card-holding households to enrol and pay. */
export const PROGRAMMES_DEMO_VILLAGE = '02010102';

/**
 * Three synthetic Equity Card households (levels 1 and 2) in the demo village, so a programme
 * can be defined, enrolled and paid at once — only when the village has no card yet.
 * Synthetic names; never real people.
 */
export async function seedProgrammesDemo(options: {
  database: Database;
  audit: AuditContext;
  log: (line: string) => void;
}) {
  const existing = await options.database.db
    .selectFrom('equity_card')
    .select('id')
    .where('village_code', '=', PROGRAMMES_DEMO_VILLAGE)
    .executeTakeFirst();
  if (existing) return;
  for (const level of [1, 2, 1] as const)
    await insertHousehold(options.database, { villageCode: PROGRAMMES_DEMO_VILLAGE, card: { level } });
  options.log(`programmes: 3 Equity Card households in village ${PROGRAMMES_DEMO_VILLAGE}`);
}
