import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Database } from '../../../db/database';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { refreshAuditScore } from '../audits/audit-score';
import { importChecklist, loadChecklistModel } from '../checklist/checklist.service';
import { addDays } from '../quality/equipment.service';
import {
  DEMO_AUDIT_ROUNDS,
  DEMO_DOCUMENTS,
  DEMO_EQA_ROUNDS,
  DEMO_EQA_SCHEMES,
  DEMO_EQUIPMENT,
  DEMO_LABS,
  DEMO_STAFF,
  prng,
} from './labs-demo-data';
import { seedNcs } from './labs-demo-ncs';

export const SLIPTA_V2_SHIPPED = new URL('../data/slipta-v2-checklist.json', import.meta.url).pathname;

/**
 * The demo lab network: the real SLIPTA v2 checklist (its inconsistencies accepted and stated),
 * twelve labs, a year of quarterly audits that improve unevenly, EQA rounds, equipment,
 * documents, staff, and nonconformities at every stage. Deterministic (fixed dates, seeded
 * PRNG); skipped when labs exist.
 */
export async function seedLabsDemo(options: {
  database: Database;
  audit: AuditContext;
  log: (line: string) => void;
}) {
  const { database, audit } = options;
  const db = database.db;
  if (await db.selectFrom('lab').select('code').limit(1).executeTakeFirst()) return;
  const imported = await importChecklist({
    database,
    audit,
    text: fs.readFileSync(SLIPTA_V2_SHIPPED, 'utf8'),
    shouldAcceptInconsistencies: true,
  });
  if (imported.status !== 'loaded' && imported.status !== 'already_loaded')
    throw new Error(`checklist: ${imported.status}`);
  const versionId = imported.versionId;
  const model = await loadChecklistModel(database, versionId);
  const leaves = model.sections.flatMap((s) =>
    s.questions.flatMap((q) =>
      q.subQuestions.length === 0
        ? [{ id: q.id, answers: q.answers, section: s.number }]
        : q.subQuestions.map((x) => ({ id: x.id, answers: x.answers, section: s.number })),
    ),
  );

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('lab')
      .values(
        DEMO_LABS.map((l) => ({
          code: l.code,
          name_en: l.en,
          name_km: l.km,
          province_code: l.province,
          kind: l.kind,
        })),
      )
      .execute();
    const schemes = await trx
      .insertInto('lab_eqa_scheme')
      .values(DEMO_EQA_SCHEMES.map((s) => ({ ...s })))
      .returning(['id', 'code'])
      .execute();
    for (const [i, lab] of DEMO_LABS.entries()) {
      const random = prng(1000 + i);
      // EQA: most labs pass; LAB-09 and LAB-11 fail their latest rounds (no stars under the PT rule).
      for (const scheme of schemes)
        for (const [r, round] of DEMO_EQA_ROUNDS.entries()) {
          const isWeak = (lab.code === 'LAB-09' || lab.code === 'LAB-11') && r >= 1;
          const score = Math.round(isWeak ? 55 + random() * 20 : 80 + random() * 20);
          await trx
            .insertInto('lab_eqa_round')
            .values({
              scheme_id: scheme.id,
              lab_code: lab.code,
              round_label: round.label,
              due_on: round.dueOn,
              status: 'scored',
              score_percent: score,
              is_satisfactory: score >= 80,
              scored_on: round.scoredOn,
            })
            .execute();
        }
      for (const [e, eq] of DEMO_EQUIPMENT.entries())
        await trx
          .insertInto('lab_equipment')
          .values({
            lab_code: lab.code,
            asset_code: eq.asset,
            name: eq.name,
            category: eq.category,
            maintenance_interval_days: eq.maintenance,
            calibration_interval_days: eq.calibration,
            last_maintenance_on: addDays('2026-11-15', -Math.round(random() * eq.maintenance * 1.3)),
            last_calibration_on: addDays('2026-11-15', -Math.round(random() * eq.calibration * 1.2)),
            status: e === 0 && i % 5 === 3 ? 'out_of_service' : 'in_use',
          })
          .execute();
      for (const [d, doc] of DEMO_DOCUMENTS.entries()) {
        const row = await trx
          .insertInto('lab_document')
          .values({
            lab_code: lab.code,
            doc_code: doc.code,
            title: doc.title,
            kind: doc.kind,
            review_interval_months: doc.months,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('lab_document_version')
          .values({
            document_id: row.id,
            version_label: `${1 + ((i + d) % 3)}.0`,
            author_name: DEMO_STAFF[1].name,
            reviewer_name: DEMO_STAFF[2].name,
            approver_name: DEMO_STAFF[0].name,
            effective_on: addDays('2026-11-15', -Math.round(random() * doc.months * 33)),
            change_summary: 'Issued for the quality management system',
          })
          .execute();
      }
      for (const person of DEMO_STAFF) {
        const staff = await trx
          .insertInto('lab_staff')
          .values({ lab_code: lab.code, full_name: person.name, position: person.position })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('lab_staff_record')
          .values([
            {
              staff_id: staff.id,
              kind: 'training',
              subject: 'ISO 15189 quality management',
              happened_on: '2026-02-20',
              by_name: 'National Public Health Laboratory',
            },
            {
              staff_id: staff.id,
              kind: 'competence',
              subject: 'Haematology analyser',
              happened_on: '2026-04-15',
              outcome: 'competent',
              by_name: DEMO_STAFF[0].name,
            },
            {
              staff_id: staff.id,
              kind: 'authorisation',
              subject: 'Haematology analyser',
              happened_on: '2026-04-20',
              by_name: DEMO_STAFF[0].name,
              valid_until: '2027-04-20',
            },
          ])
          .execute();
      }
    }
  });

  // Audits: each lab starts somewhere between 45% and 80% of items met and improves each quarter.
  for (const [i, lab] of DEMO_LABS.entries()) {
    const random = prng(2000 + i);
    const baseline = 0.45 + random() * 0.35;
    for (const [q, round] of DEMO_AUDIT_ROUNDS.entries()) {
      const met = Math.min(0.98, baseline + q * (0.04 + random() * 0.05));
      const auditing = round.kind === 'internal' ? lab.code : DEMO_LABS[(i + 1 + q) % DEMO_LABS.length]!.code;
      const auditId = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('lab_audit')
          .values({
            lab_code: lab.code,
            checklist_version_id: versionId,
            kind: round.kind,
            auditing_lab_code:
              auditing === lab.code && round.kind !== 'internal' ? DEMO_LABS[(i + 2) % 12]!.code : auditing,
            lead_auditor_name:
              round.kind === 'internal' ? `${lab.code} quality officer` : `${auditing} peer auditor`,
            title: `${round.kind === 'internal' ? 'Internal' : 'Peer'} audit of ${lab.en}, ${round.date}`,
            audit_date: round.date,
            status: 'published',
            submitted_at: new Date(`${round.date}T10:00:00Z`),
            approved_at: new Date(`${round.date}T11:00:00Z`),
            published_at: new Date(`${round.date}T12:00:00Z`),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const at = new Date(`${round.date}T09:00:00Z`);
        const answers = leaves.map((leaf) => {
          const roll = random();
          const answer =
            leaf.answers.includes('na') && roll > 0.97
              ? 'na'
              : roll < met
                ? 'yes'
                : roll < met + (1 - met) / 2 && leaf.answers.includes('partial')
                  ? 'partial'
                  : 'no';
          return {
            audit_id: row.id,
            item_id: leaf.id,
            answer,
            comment:
              answer === 'no'
                ? 'Not in place at the time of the audit'
                : answer === 'partial'
                  ? 'Partly in place; records incomplete'
                  : null,
            na_justification: answer === 'na' ? 'Not applicable to this laboratory’s scope of testing' : null,
            client_change_id: randomUUID(),
            client_at: at,
          };
        });
        await trx.insertInto('lab_audit_answer').values(answers).execute();
        await trx
          .insertInto('lab_audit_answer_change')
          .values(
            answers.map((a) => ({
              change_id: a.client_change_id,
              audit_id: a.audit_id,
              item_id: a.item_id,
              answer: a.answer,
              comment: a.comment,
              na_justification: a.na_justification,
              client_at: a.client_at,
              outcome: 'applied',
            })),
          )
          .execute();
        await trx
          .insertInto('lab_audit_transition')
          .values(
            ['draft', 'submitted', 'approved', 'published'].map((to, k) => ({
              audit_id: row.id,
              from_status: k === 0 ? null : ['draft', 'submitted', 'approved'][k - 1]!,
              to_status: to,
              by_name: 'demo seed',
              reason: null,
            })),
          )
          .execute();
        await refreshAuditScore(trx, { id: row.id, checklist_version_id: versionId, lab_code: lab.code });
        await recordAudit(trx, audit, {
          action: 'labs.demo.audit',
          entityType: 'lab_audit',
          entityId: row.id,
          after: { labCode: lab.code, date: round.date },
        });
        return row.id;
      });
      if (q === DEMO_AUDIT_ROUNDS.length - 1)
        await seedNcs({ database, audit, auditId, labCode: lab.code, index: i });
    }
  }
  options.log(
    `labs: ${DEMO_LABS.length} labs, ${DEMO_LABS.length * DEMO_AUDIT_ROUNDS.length} audits on SLIPTA v2, EQA, equipment, documents, staff, nonconformities`,
  );
}
