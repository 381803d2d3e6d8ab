import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import * as checklistRepo from '../checklist/checklist.repo';
import { assertLabVisible, labViewOf } from '../labs.access';
import * as labsRepo from '../network/labs.repo';
import { refused } from '../refusals';
import { scoreStoredAnswers } from './audit-score';
import * as repo from './audits.repo';

export interface NewAudit {
  labCode: string;
  checklistVersionId: string;
  kind: 'internal' | 'peer' | 'external';
  auditingLabCode?: string | null | undefined;
  auditDate: string;
  title?: string | undefined;
}

const KIND_LABEL = { internal: 'Internal', peer: 'Peer', external: 'External' } as const;

/**
 * Who conducts which audit: an internal audit is the lab's own (its quality manager; never an
 * auditor of that lab); a peer audit is by another lab of the network (lab-scoped staff may
 * only start one as their own lab, at another lab); an external audit is started by the Bureau.
 */
function auditingLabFor(actor: Actor, audit: NewAudit): string | null {
  const view = labViewOf(actor);
  const ownLab = view.kind === 'lab' ? view.labCode : null;
  if (actor.role === 'lab_auditor' && ownLab === audit.labCode) throw refused('forbidden', 'auditor_own_lab');
  switch (audit.kind) {
    case 'internal':
      assertLabVisible(view, audit.labCode);
      return audit.labCode;
    case 'peer': {
      const auditing = audit.auditingLabCode ?? ownLab;
      if (!auditing)
        throw refused('validation_failed', 'peer_needs_auditing_lab', {
          path: ['auditingLabCode'],
          detailMessage: 'is required for a peer audit',
        });
      if (ownLab !== null && auditing !== ownLab) throw refused('forbidden', 'peer_by_own_lab');
      if (auditing === audit.labCode)
        throw refused('validation_failed', 'peer_by_other_lab', {
          path: ['auditingLabCode'],
          detailMessage: 'must differ from the audited lab',
        });
      return auditing;
    }
    case 'external':
      if (view.kind !== 'network') throw refused('forbidden', 'external_by_bureau');
      return null;
  }
}

export async function createAudit(options: { database: Database; audit: AuditContext; input: NewAudit }) {
  const { actor } = options.audit;
  const input = options.input;
  const auditingLabCode = auditingLabFor(actor, input);
  return options.database.db.transaction().execute(async (trx) => {
    const lab = await labsRepo.findLab(trx, input.labCode);
    if (!lab) throw notFound(`Lab ${input.labCode}`);
    if (auditingLabCode && !(await labsRepo.findLab(trx, auditingLabCode)))
      throw notFound(`Lab ${auditingLabCode}`);
    if (!(await checklistRepo.findVersion(trx, input.checklistVersionId)))
      throw notFound(`Checklist version ${input.checklistVersionId}`);
    const row = await trx
      .insertInto('lab_audit')
      .values({
        lab_code: input.labCode,
        checklist_version_id: input.checklistVersionId,
        kind: input.kind,
        auditing_lab_code: auditingLabCode,
        lead_auditor_id: actor.kind === 'user' ? actor.id : null,
        lead_auditor_name: actor.name,
        title: input.title ?? `${KIND_LABEL[input.kind]} audit of ${lab.name_en}, ${input.auditDate}`,
        audit_date: input.auditDate,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.insertTransition(trx, {
      audit_id: row.id,
      from_status: null,
      to_status: 'draft',
      reason: null,
      by_user: actor.kind === 'user' ? actor.id : null,
      by_name: actor.name,
    });
    await recordAudit(trx, options.audit, {
      action: 'labs.audit.create',
      entityType: 'lab_audit',
      entityId: row.id,
      after: { ...input, auditingLabCode },
    });
    return row.id;
  });
}

/** An audit with its live score, answers, evidence, history and its checklist's inconsistencies. */
export async function getAuditDetail(options: { database: Database; actor: Actor; id: string }) {
  const db = options.database.db;
  const audit = await repo.findAudit(db, labViewOf(options.actor), options.id);
  if (!audit) throw notFound(`Audit ${options.id}`);
  const [answers, transitions, evidence, version] = await Promise.all([
    repo.answersOf(db, audit.id),
    repo.transitionsOf(db, audit.id),
    repo.evidenceOf(db, audit.id),
    checklistRepo.findVersion(db, audit.checklist_version_id),
  ]);
  const score = await scoreStoredAnswers(db, audit, answers);
  return {
    audit,
    answers,
    transitions,
    evidence,
    score,
    checklistInconsistencies: (version?.inconsistencies ?? []) as string[],
  };
}

export async function listAudits(options: {
  database: Database;
  actor: Actor;
  labCode?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}) {
  return repo.listAudits(options.database.db, labViewOf(options.actor), options);
}
