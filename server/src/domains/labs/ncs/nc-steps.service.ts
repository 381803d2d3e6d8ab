import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { labViewOf } from '../labs.access';
import { refused } from '../refusals';
import { riskGrade } from './nc-rules';
import * as repo from './ncs.repo';
import { refreshStage } from './ncs.service';

/** Lab staff of the NC's lab and the Bureau change it; a peer auditor follows it read-only. */
function assertMayWrite(actor: Actor, nc: repo.NcRow): void {
  const view = labViewOf(actor);
  if (view.kind === 'network' || (view.kind === 'lab' && view.labCode === nc.lab_code)) return;
  throw refused('forbidden', 'nc_own_lab_only');
}

interface Step {
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Runs one change on an open NC: locked, permission-checked, stage refreshed, audited. */
async function changeNc(
  options: { database: Database; audit: AuditContext; ncId: string },
  change: (trx: Transaction<DB>, nc: repo.NcRow) => Promise<Step>,
) {
  const { actor } = options.audit;
  return options.database.db.transaction().execute(async (trx) => {
    const nc = await repo.lockNc(trx, labViewOf(actor), options.ncId);
    if (!nc) throw notFound(`Nonconformity ${options.ncId}`);
    assertMayWrite(actor, nc);
    if (nc.stage === 'closed') throw refused('conflict', 'nc_closed', { args: { number: nc.number } });
    const step = await change(trx, nc);
    await trx.updateTable('lab_nc').set({ updated_at: new Date() }).where('id', '=', nc.id).execute();
    const stage = await refreshStage(trx, nc.id);
    await recordAudit(trx, options.audit, {
      action: `labs.nc.${step.action}`,
      entityType: 'lab_nc',
      entityId: nc.id,
      before: step.before ?? null,
      after: { ...(step.after as object), stage },
      reason: step.reason ?? null,
    });
    return nc.id;
  });
}

type Options = { database: Database; audit: AuditContext; ncId: string };

/** The immediate correction (containment), which may come before any analysis. */
export function recordCorrection(options: Options & { immediateCorrection: string; correctedOn: string }) {
  return changeNc(options, async (trx, nc) => {
    await trx
      .updateTable('lab_nc')
      .set({ immediate_correction: options.immediateCorrection, corrected_on: options.correctedOn })
      .where('id', '=', nc.id)
      .execute();
    return {
      action: 'correction',
      before: { immediateCorrection: nc.immediate_correction },
      after: { immediateCorrection: options.immediateCorrection, correctedOn: options.correctedOn },
    };
  });
}

export function gradeRisk(options: Options & { severity: number; likelihood: number }) {
  return changeNc(options, async (trx, nc) => {
    const grade = riskGrade(options.severity, options.likelihood);
    await trx
      .updateTable('lab_nc')
      .set({ severity: options.severity, likelihood: options.likelihood, risk_grade: grade })
      .where('id', '=', nc.id)
      .execute();
    return {
      action: 'risk',
      before: { riskGrade: nc.risk_grade },
      after: { severity: options.severity, likelihood: options.likelihood, riskGrade: grade },
    };
  });
}

export function recordRootCause(options: Options & { rootCause: unknown }) {
  return changeNc(options, async (trx, nc) => {
    await trx
      .updateTable('lab_nc')
      .set({ root_cause: JSON.stringify(options.rootCause) })
      .where('id', '=', nc.id)
      .execute();
    return {
      action: 'root_cause',
      before: { rootCause: nc.root_cause },
      after: { rootCause: options.rootCause },
    };
  });
}

export function addAction(
  options: Options & {
    kind: string;
    description: string;
    ownerName: string;
    ownerUserId?: string | null | undefined;
    dueOn: string;
  },
) {
  return changeNc(options, async (trx, nc) => {
    if (nc.root_cause === null)
      throw refused('conflict', 'root_cause_first', { args: { number: nc.number } });
    const row = await trx
      .insertInto('lab_nc_action')
      .values({
        nc_id: nc.id,
        kind: options.kind,
        description: options.description,
        owner_name: options.ownerName,
        owner_user_id: options.ownerUserId ?? null,
        due_on: options.dueOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A new action answers an ineffective check.
    if (nc.needs_new_action)
      await trx.updateTable('lab_nc').set({ needs_new_action: false }).where('id', '=', nc.id).execute();
    return {
      action: 'action.add',
      after: {
        actionId: row.id,
        kind: options.kind,
        description: options.description,
        ownerName: options.ownerName,
        dueOn: options.dueOn,
      },
    };
  });
}

export function completeAction(options: Options & { actionId: string; doneOn: string; note: string }) {
  return changeNc(options, async (trx, nc) => {
    const action = await trx
      .selectFrom('lab_nc_action')
      .selectAll()
      .where('id', '=', options.actionId)
      .where('nc_id', '=', nc.id)
      .executeTakeFirst();
    if (!action) throw notFound(`Action ${options.actionId}`);
    if (action.status === 'done') throw refused('conflict', 'action_done');
    await trx
      .updateTable('lab_nc_action')
      .set({ status: 'done', done_on: options.doneOn, done_note: options.note })
      .where('id', '=', action.id)
      .execute();
    return {
      action: 'action.complete',
      before: { status: 'open' },
      after: { actionId: action.id, status: 'done', doneOn: options.doneOn, note: options.note },
    };
  });
}

/**
 * The effectiveness check closes the NC when the actions worked; otherwise it goes back to
 * action and needs a new action. Only once every action is done; by a quality manager or the Bureau.
 */
export function checkEffectiveness(
  options: Options & { checkedOn: string; isEffective: boolean; evidence: string },
) {
  return changeNc(options, async (trx, nc) => {
    const { actor } = options.audit;
    if (actor.role === 'lab_auditor' && labViewOf(actor).kind === 'lab')
      throw refused('forbidden', 'effectiveness_checkers');
    if (nc.stage !== 'verification')
      throw refused('conflict', 'nc_not_at_verification', { args: { number: nc.number, stage: nc.stage } });
    await trx
      .insertInto('lab_nc_effectiveness_check')
      .values({
        nc_id: nc.id,
        checked_on: options.checkedOn,
        is_effective: options.isEffective,
        evidence: options.evidence,
        by_user: actor.kind === 'user' ? actor.id : null,
        by_name: actor.name,
      })
      .execute();
    await trx
      .updateTable('lab_nc')
      .set(options.isEffective ? { closed_at: new Date() } : { needs_new_action: true })
      .where('id', '=', nc.id)
      .execute();
    return {
      action: options.isEffective ? 'close' : 'effectiveness.failed',
      after: { checkedOn: options.checkedOn, isEffective: options.isEffective, evidence: options.evidence },
    };
  });
}

export function addLink(
  options: Options & { entityType: string; entityId: string; label?: string | undefined },
) {
  return changeNc(options, async (trx, nc) => {
    await trx
      .insertInto('lab_nc_link')
      .values({
        nc_id: nc.id,
        entity_type: options.entityType,
        entity_id: options.entityId,
        label: options.label ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { action: 'link', after: { entityType: options.entityType, entityId: options.entityId } };
  });
}
