import type { Database } from '../../../db/database';
import type { AuditContext } from '../../../platform/audit/audit';
import {
  addAction,
  checkEffectiveness,
  completeAction,
  gradeRisk,
  recordCorrection,
  recordRootCause,
} from '../ncs/nc-steps.service';
import { insertNc } from '../ncs/ncs.service';
import { addDays } from '../quality/equipment.service';

/** Nonconformities from the latest audit's first findings, left at different stages. */
export async function seedNcs(options: {
  database: Database;
  audit: AuditContext;
  auditId: string;
  labCode: string;
  index: number;
}) {
  const { database, audit } = options;
  const findings = await database.db
    .selectFrom('lab_audit_answer')
    .select(['item_id', 'answer', 'comment'])
    .where('audit_id', '=', options.auditId)
    .where('answer', 'in', ['no', 'partial'])
    .orderBy('item_id')
    .limit(4)
    .execute();
  for (const [k, f] of findings.entries()) {
    const ncId = await database.db.transaction().execute((trx) =>
      insertNc(trx, audit, {
        labCode: options.labCode,
        source: 'audit',
        title: `Finding ${f.item_id}`,
        description: `Latest peer audit: item ${f.item_id} answered ${f.answer}.`,
        evidence: f.comment ?? undefined,
        auditId: options.auditId,
        auditItemId: f.item_id,
        links: [{ entityType: 'audit_question', entityId: `${options.auditId}#${f.item_id}` }],
      }),
    );
    const base = { database, audit, ncId };
    if (k === 0) continue; // reported
    await recordCorrection({
      ...base,
      immediateCorrection: 'Immediate containment done by the section head',
      correctedOn: '2026-09-15',
    });
    await gradeRisk({ ...base, severity: 2 + (k % 3), likelihood: 2 + ((options.index + k) % 3) });
    if (k === 1) continue; // analysis
    await recordRootCause({
      ...base,
      rootCause: {
        method: 'five_whys',
        whys: [
          'Procedure not followed',
          'Procedure not known to night staff',
          'No induction for rotating staff',
        ],
        summary: 'No induction for rotating staff',
      },
    });
    const dueOn = addDays('2026-11-15', options.index % 2 === 0 ? -10 : 20);
    await addAction({
      ...base,
      kind: 'corrective',
      description: 'Induction on the procedure for all rotating staff',
      ownerName: 'Chan Sophea',
      dueOn,
    });
    if (k === 2) continue; // action (some overdue)
    const action = await database.db
      .selectFrom('lab_nc_action')
      .select('id')
      .where('nc_id', '=', ncId)
      .executeTakeFirstOrThrow();
    await completeAction({
      ...base,
      actionId: action.id,
      doneOn: '2026-10-20',
      note: 'Induction held; attendance sheet filed',
    });
    if (options.index % 3 === 0)
      await checkEffectiveness({
        ...base,
        checkedOn: '2026-11-10',
        isEffective: true,
        evidence: 'Spot check of 20 records: procedure followed',
      });
  }
}
