import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AuditAnswer } from '@mlob/contracts';
import type { Database } from '../../db/database';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { Role } from '../../platform/roles';
import type { TestApp } from '../../testing/test-app';
import { createUser } from '../identity';
import { importChecklist, loadChecklistModel } from './checklist/checklist.service';
import { SLIPTA_V2_FILE } from './checklist/test-helpers';
import { createLab } from './network/labs.service';

const audit = { actor: SYSTEM_ACTOR };

/** Loads the real SLIPTA v2 checklist (inconsistencies accepted) and returns its version id. */
export async function loadRealChecklist(database: Database): Promise<string> {
  const outcome = await importChecklist({
    database,
    audit,
    text: fs.readFileSync(SLIPTA_V2_FILE, 'utf8'),
    shouldAcceptInconsistencies: true,
  });
  if (outcome.status !== 'loaded' && outcome.status !== 'already_loaded') throw new Error(outcome.status);
  return outcome.versionId;
}

/** A user with a lab role: `lab` null means national scope (the Bureau). */
export async function labUser(t: TestApp, role: Role, lab: string | null) {
  const username = `${role.replace(/_/g, '-')}-${randomUUID().slice(0, 8)}`;
  const user = await createUser({
    database: t.database,
    audit,
    user: {
      username,
      displayName: username,
      password: 'test-password-123',
      role,
      scopeKind: lab ? 'lab' : 'national',
      scopeUnitId: lab,
    },
  });
  return { id: user.id, headers: await t.sessionHeaders(user.id) };
}

/** Three labs, the real checklist, the Bureau and staff of each lab. */
export async function setUpNetwork(t: TestApp) {
  const versionId = await loadRealChecklist(t.database);
  for (const [code, nameEn, nameKm] of [
    ['LAB-01', 'Calmette Hospital Laboratory', 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យកាល់ម៉ែត'],
    ['LAB-02', 'Battambang Provincial Referral Hospital Laboratory', 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តបាត់ដំបង'],
    ['LAB-03', 'Siem Reap Provincial Referral Hospital Laboratory', 'មន្ទីរពិសោធន៍មន្ទីរពេទ្យបង្អែកខេត្តសៀមរាប'],
  ] as const)
    await createLab({
      database: t.database,
      audit,
      lab: { code, nameEn, nameKm, provinceCode: null, kind: 'provincial' },
    });
  return {
    versionId,
    bureau: await labUser(t, 'lab_auditor', null),
    bureauQm: await labUser(t, 'lab_quality_manager', null),
    qm1: await labUser(t, 'lab_quality_manager', 'LAB-01'),
    auditor1: await labUser(t, 'lab_auditor', 'LAB-01'),
    auditor2: await labUser(t, 'lab_auditor', 'LAB-02'),
    auditor3: await labUser(t, 'lab_auditor', 'LAB-03'),
  };
}

/** Answer changes for every leaf item of the checklist, all `answer` (N/A where offered needs a reason). */
export async function allLeafChanges(database: Database, versionId: string, answer: AuditAnswer = 'yes') {
  const model = await loadChecklistModel(database, versionId);
  const clientAt = new Date().toISOString();
  return model.sections.flatMap((s) =>
    s.questions.flatMap((q) =>
      (q.subQuestions.length === 0 ? [q.id] : q.subQuestions.map((x) => x.id)).map((itemId) => ({
        changeId: randomUUID(),
        itemId,
        answer,
        clientAt,
      })),
    ),
  );
}
