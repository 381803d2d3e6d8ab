import type { Database } from '../../db/database';
import type { AuditContext } from '../../platform/audit/audit';
import { type FixtureMember, insertHousehold } from './testing/households';

/** The demo village chief's village (seed.ts DEMO_AREAS.village). */
const DEMO_VILLAGE = '02010101';

const DEMO_HOUSEHOLDS: { family: string; members: FixtureMember[] }[] = [
  {
    family: 'សុខ',
    members: [
      { sex: 'F', relation: 'head', birthDate: '1984-01-01', birthPrecision: 'year', givenNameKm: 'សុភាព' },
      { sex: 'F', relation: 'child', birthDate: '2012-05-10', givenNameKm: 'ស្រីពៅ' },
      { sex: 'M', relation: 'child', birthDate: '2025-08-02', givenNameKm: 'ពិសិដ្ឋ' },
    ],
  },
  {
    family: 'ចាន់',
    members: [
      { sex: 'M', relation: 'head', birthDate: '1975-01-01', birthPrecision: 'year', givenNameKm: 'ធារ៉ា' },
      { sex: 'F', relation: 'spouse', birthDate: '1979-03-15', givenNameKm: 'ធីតា' },
      {
        sex: 'M',
        relation: 'parent',
        birthDate: '1950-01-01',
        birthPrecision: 'year',
        givenNameKm: 'សំណាង',
        disability: ['walking'],
      },
    ],
  },
  {
    family: 'គឹម',
    members: [
      { sex: 'M', relation: 'head', birthDate: '1990-11-20', givenNameKm: 'វណ្ណា' },
      { sex: 'F', relation: 'spouse', birthDate: '1992-02-01', givenNameKm: 'ម៉ុម' },
    ],
  },
];

/**
 * A few synthetic households in the demo chief's village, so the on-demand assessment can be
 * tried at once — only when the village has none (the registry's own demo data comes first).
 * Synthetic names; never real people.
 */
export async function seedAssessmentDemo(options: {
  database: Database;
  audit: AuditContext;
  log: (line: string) => void;
}) {
  const { db } = options.database;
  const existing = await db
    .selectFrom('household')
    .select('id')
    .where('village_code', '=', DEMO_VILLAGE)
    .limit(1)
    .executeTakeFirst();
  if (existing) return;
  for (const h of DEMO_HOUSEHOLDS)
    await insertHousehold(options.database, {
      villageCode: DEMO_VILLAGE,
      members: h.members.map((m) => ({ ...m, familyNameKm: h.family })),
    });
  options.log(`assessment: ${DEMO_HOUSEHOLDS.length} demo households in village ${DEMO_VILLAGE}`);
}
