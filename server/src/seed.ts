import type { Database } from './db/database';
import { createUser, type NewUser } from './domains/identity';
import { DOMAIN_MODULES } from './domains/modules';
import { SYSTEM_ACTOR } from './platform/actor';
import type { AuditContext } from './platform/audit/audit';
import type { Role } from './platform/roles';

/** The one demo password, printed at start. Demo installations only. */
export const DEMO_PASSWORD = 'mlob-demo-2026';

/** Demo scopes: Battambang province, its commune Kantueu Muoy, that commune's first village. */
export const DEMO_AREAS = {
  province: '02',
  district: '0201',
  commune: '020101',
  village: '02010101',
} as const;

export const DEMO_USERS: (Omit<NewUser, 'password'> & { role: Role })[] = [
  {
    username: 'admin',
    displayName: 'System administrator',
    role: 'admin',
    scopeKind: 'national',
    locale: 'en',
  },
  {
    username: 'national',
    displayName: 'IDPoor national officer',
    role: 'national_officer',
    scopeKind: 'national',
  },
  {
    username: 'province',
    displayName: 'Battambang planning officer',
    role: 'provincial_officer',
    scopeKind: 'areas',
    scopeAreaCodes: [DEMO_AREAS.province],
  },
  {
    username: 'commune',
    displayName: 'Kantueu Muoy commune officer',
    role: 'commune_officer',
    scopeKind: 'areas',
    scopeAreaCodes: [DEMO_AREAS.commune],
  },
  {
    username: 'chief',
    displayName: 'Village chief',
    role: 'village_chief',
    scopeKind: 'areas',
    scopeAreaCodes: [DEMO_AREAS.village],
  },
  {
    username: 'programme',
    displayName: 'NSAF programme officer',
    role: 'programme_officer',
    scopeKind: 'national',
  },
  {
    username: 'payments',
    displayName: 'NSAF payment officer',
    role: 'payment_officer',
    scopeKind: 'national',
  },
  {
    username: 'clerk',
    displayName: 'Health facility clerk',
    role: 'facility_clerk',
    scopeKind: 'facility',
    scopeUnitId: 'HF-0201-01',
  },
  { username: 'pca', displayName: 'PCA certification officer', role: 'pca_officer', scopeKind: 'national' },
  {
    username: 'regulator',
    displayName: 'Social Security Regulator analyst',
    role: 'regulator_analyst',
    scopeKind: 'national',
  },
  {
    username: 'labqm',
    displayName: 'Laboratory quality manager',
    role: 'lab_quality_manager',
    scopeKind: 'lab',
    scopeUnitId: 'LAB-01',
  },
  {
    username: 'auditor',
    displayName: 'Laboratory auditor',
    role: 'lab_auditor',
    scopeKind: 'lab',
    scopeUnitId: 'LAB-02',
  },
  {
    username: 'curriculum',
    displayName: 'Curriculum coordinator',
    role: 'curriculum_coordinator',
    scopeKind: 'school',
    scopeUnitId: 'SCH-01',
  },
  {
    username: 'assessor',
    displayName: 'Clinical assessor',
    role: 'assessor',
    scopeKind: 'school',
    scopeUnitId: 'SCH-01',
  },
  {
    username: 'learner',
    displayName: 'Medical learner',
    role: 'learner',
    scopeKind: 'school',
    scopeUnitId: 'SCH-01',
  },
];

const SEED_AUDIT: AuditContext = { actor: { ...SYSTEM_ACTOR, id: 'seed', name: 'seed' } };

/** Reference data every installation needs (gazetteer, …); safe to run at every start. */
export async function seedReference(database: Database): Promise<void> {
  for (const module of DOMAIN_MODULES) await module.seedReference?.({ database, audit: SEED_AUDIT });
}

/**
 * Demo users for every role and each domain's synthetic demo data. Runs only on an empty
 * installation (no users yet), so it never touches a real one.
 */
export async function seedDemo(
  database: Database,
  log: (line: string) => void = () => undefined,
): Promise<boolean> {
  const existing = await database.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  for (const user of DEMO_USERS)
    await createUser({ database, audit: SEED_AUDIT, user: { ...user, password: DEMO_PASSWORD } });
  for (const module of DOMAIN_MODULES) await module.seedDemo?.({ database, audit: SEED_AUDIT, log });
  return true;
}
