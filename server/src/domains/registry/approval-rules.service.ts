import type { CreateApprovalRule } from '@mlob/contracts';
import type { Database } from '../../db/database';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { todayInCambodia } from '../geography';
import { refused } from './refusals';

export type RuleState = 'current' | 'past' | 'future';

/**
 * Every approval rule, each marked current (in force today for its change kind), past
 * (replaced by a later one) or future (not in force yet). Newest first within a kind.
 */
export async function listApprovalRules(options: { database: Database; changeKind?: string | undefined }) {
  let query = options.database.db.selectFrom('change_approval_rule').selectAll();
  if (options.changeKind) query = query.where('change_kind', '=', options.changeKind);
  const rows = await query.orderBy('change_kind').orderBy('effective_from', 'desc').execute();
  const today = todayInCambodia();
  const currentOf = new Map<string, number>();
  for (const row of rows) {
    // Rows are newest first per kind: the first one already in force is the current rule.
    if (row.effective_from <= today && !currentOf.has(row.change_kind))
      currentOf.set(row.change_kind, row.id);
  }
  return rows.map((row) => ({
    row,
    state: (row.effective_from > today
      ? 'future'
      : currentOf.get(row.change_kind) === row.id
        ? 'current'
        : 'past') as RuleState,
  }));
}

/**
 * Adds a rule from a date on (today or later: what was in force in the past stays as it was).
 * Requests already proposed keep the levels they were proposed with. Audited in the same
 * transaction.
 */
export async function addApprovalRule(options: {
  database: Database;
  audit: AuditContext;
  rule: CreateApprovalRule;
}) {
  const { rule } = options;
  if (rule.effectiveFrom < todayInCambodia()) {
    throw refused('validation_failed', 'rule_in_past', {
      path: ['effectiveFrom'],
      detailMessage: 'today or later',
    });
  }
  if (Number.isNaN(new Date(`${rule.effectiveFrom}T00:00:00Z`).getTime())) {
    throw refused('validation_failed', 'not_a_date', {
      args: { value: rule.effectiveFrom },
      path: ['effectiveFrom'],
      detailMessage: 'not a date',
    });
  }
  return options.database.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('change_approval_rule')
      .select('id')
      .where('change_kind', '=', rule.changeKind)
      .where('effective_from', '=', rule.effectiveFrom)
      .executeTakeFirst();
    if (taken) {
      throw refused('conflict', 'rule_date_taken', {
        args: { kind: rule.changeKind, date: rule.effectiveFrom },
        path: ['effectiveFrom'],
        detailMessage: 'a rule already starts on this date',
      });
    }
    const created = await trx
      .insertInto('change_approval_rule')
      .values({
        change_kind: rule.changeKind,
        levels: rule.levels,
        effective_from: rule.effectiveFrom,
        reason: rule.reason,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: 'registry.approval_rule.create',
      entityType: 'change_approval_rule',
      entityId: String(created.id),
      after: {
        changeKind: created.change_kind,
        levels: created.levels,
        effectiveFrom: created.effective_from,
      },
      reason: rule.reason,
    });
    return created;
  });
}
