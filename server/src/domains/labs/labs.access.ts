import type { Expression, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { refused } from './refusals';

/**
 * What part of the lab network an actor sees: the whole network (national scope: the Bureau
 * of Medical Laboratory Services), one lab (scope kind 'lab', unitId = the lab's code), or
 * nothing (any other scope).
 */
export type LabView = { kind: 'network' } | { kind: 'lab'; labCode: string } | { kind: 'none' };

export function labViewOf(actor: Actor): LabView {
  switch (actor.scope.kind) {
    case 'national':
      return { kind: 'network' };
    case 'lab':
      return { kind: 'lab', labCode: actor.scope.unitId };
    case 'areas':
    case 'facility':
    case 'school':
      return { kind: 'none' };
  }
}

export function isLabVisible(view: LabView, labCode: string): boolean {
  return view.kind === 'network' || (view.kind === 'lab' && view.labCode === labCode);
}

/** Out of scope reads as not found. */
export function assertLabVisible(view: LabView, labCode: string): void {
  if (!isLabVisible(view, labCode)) throw notFound(`Lab ${labCode}`);
}

/** WHERE condition for rows whose `column` holds a lab code. */
export function labScopeCondition(column: string, view: LabView): Expression<SqlBool> {
  switch (view.kind) {
    case 'network':
      return sql<boolean>`true`;
    case 'lab':
      return sql<boolean>`${sql.ref(column)} = ${view.labCode}`;
    case 'none':
      return sql<boolean>`false`;
  }
}

/** Audits a lab sees: its own, and the peer audits its staff conduct at other labs. */
export function auditScopeCondition(view: LabView, alias = 'a'): Expression<SqlBool> {
  switch (view.kind) {
    case 'network':
      return sql<boolean>`true`;
    case 'lab':
      return sql<boolean>`(${sql.ref(`${alias}.lab_code`)} = ${view.labCode} OR ${sql.ref(`${alias}.auditing_lab_code`)} = ${view.labCode})`;
    case 'none':
      return sql<boolean>`false`;
  }
}

export interface AuditParties {
  kind: string;
  lab_code: string;
  auditing_lab_code: string | null;
  lead_auditor_id: string | null;
}

/**
 * Who may answer and submit an audit: the auditing team (staff of the auditing lab; for an
 * internal audit the lab itself) or the Bureau. An auditor never audits their own lab.
 */
export function assertMayConduct(actor: Actor, audit: AuditParties): void {
  const view = labViewOf(actor);
  if (actor.role === 'lab_auditor' && view.kind === 'lab' && view.labCode === audit.lab_code)
    throw refused('forbidden', 'auditor_own_lab');
  if (view.kind === 'network') return;
  if (view.kind === 'lab' && audit.auditing_lab_code === view.labCode) return;
  throw refused('forbidden', 'auditing_team_only');
}

/** Approval and publication belong to the Bureau (network view), never to the lead auditor. */
export function assertMayReview(actor: Actor, audit: AuditParties): void {
  if (labViewOf(actor).kind !== 'network') throw refused('forbidden', 'bureau_reviews');
  if (audit.lead_auditor_id !== null && audit.lead_auditor_id === actor.id)
    throw refused('forbidden', 'lead_auditor_own_audit');
}
