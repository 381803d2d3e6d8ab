import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { programmeRefused } from '../programmes';

const RESULT_STATUSES = new Set(['paid', 'failed', 'unclaimed']);

interface Problem {
  line: number;
  ref: string;
  problem: string;
}

interface ResultLine {
  line: number;
  ref: string;
  status: string;
  txn: string;
  reason: string;
}

/** Parses a result file (payment_ref,status,provider_txn_id,reason); bad lines become problems. */
export function parseResultFile(content: string): { lines: ResultLine[]; problems: Problem[] } {
  const records = parse(content, {
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  }) as string[][];
  const [header, ...rows] = records;
  if (header?.[0]?.trim() !== 'payment_ref' || header?.[1]?.trim() !== 'status')
    throw programmeRefused('validation_failed', 'result_header', {
      details: [{ path: ['content'], row: 1, message: 'missing or wrong header' }],
    });
  const lines: ResultLine[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    const ref = (row[0] ?? '').trim();
    if (ref.startsWith('#')) continue;
    const status = (row[1] ?? '').trim().toLowerCase();
    if (!RESULT_STATUSES.has(status))
      problems.push({ line, ref, problem: `status "${status}" is not paid, failed or unclaimed` });
    else if (seen.has(ref))
      problems.push({
        line,
        ref,
        problem: 'the same payment appears twice in the file; only the first is applied',
      });
    else {
      seen.add(ref);
      lines.push({ line, ref, status, txn: (row[2] ?? '').trim(), reason: (row[3] ?? '').trim() });
    }
  }
  return { lines, problems };
}

/**
 * Applies a provider's result file to a payroll. The file's SHA-256 is recorded first
 * (UNIQUE): importing the same file again, even concurrently, applies nothing and returns
 * the first import's report. A line is applied only to an attempt of this payroll still in
 * flight ('sent'); a line for an unknown or already-settled payment is reported, not applied.
 */
export async function importResults(options: {
  database: Database;
  audit: AuditContext;
  payrollId: string;
  fileName: string;
  content: string;
}) {
  const sha256 = createHash('sha256').update(options.content).digest('hex');
  const { lines, problems } = parseResultFile(options.content);
  return options.database.db.transaction().execute(async (trx) => {
    const payroll = await trx
      .selectFrom('payroll')
      .select('id')
      .where('id', '=', options.payrollId)
      .executeTakeFirst();
    if (!payroll) throw notFound('Payroll');
    const claimed = await sql<{ id: string }>`
      INSERT INTO payment_result_import (payroll_id, sha256, file_name, line_count, applied_count, report, imported_by)
      VALUES (${options.payrollId}::uuid, ${sha256}, ${options.fileName}, 0, 0, '[]'::jsonb, ${options.audit.actor.id ?? 'system'})
      ON CONFLICT (sha256) DO NOTHING RETURNING id`.execute(trx);
    const importId = claimed.rows[0]?.id;
    if (!importId) {
      const first = await trx
        .selectFrom('payment_result_import')
        .selectAll()
        .where('sha256', '=', sha256)
        .executeTakeFirstOrThrow();
      return {
        importId: first.id,
        isRepeat: true,
        lineCount: first.line_count,
        appliedCount: 0,
        problems: first.report as Problem[],
      };
    }
    const applied = await sql<{ line_no: number }>`
      WITH lines AS (
        SELECT * FROM unnest(${lines.map((l) => l.ref)}::text[], ${lines.map((l) => l.status)}::text[],
          ${lines.map((l) => l.txn)}::text[], ${lines.map((l) => l.reason)}::text[], ${lines.map((l) => l.line)}::int[])
          AS l(ref, status, txn, reason, line_no)
      ), settled AS (
        UPDATE payment_attempt a SET status = l.status, provider_txn_id = nullif(l.txn, ''), result_reason = nullif(l.reason, ''),
          result_import_id = ${importId}::uuid, settled_at = now()
        FROM lines l, payment p
        WHERE a.ref = l.ref AND a.status = 'sent' AND p.id = a.payment_id AND p.payroll_id = ${options.payrollId}::uuid
        RETURNING a.payment_id, a.status, l.line_no
      ), paid AS (
        UPDATE payment p SET status = s.status, settled_at = now() FROM settled s WHERE p.id = s.payment_id
        RETURNING s.line_no
      )
      SELECT line_no FROM paid`.execute(trx);
    const appliedLines = new Set(applied.rows.map((r) => r.line_no));
    const rest = lines.filter((l) => !appliedLines.has(l.line));
    if (rest.length > 0) {
      const known = await sql<{ ref: string; status: string }>`
        SELECT a.ref, a.status FROM payment_attempt a JOIN payment p ON p.id = a.payment_id
        WHERE a.ref = ANY(${rest.map((l) => l.ref)}::text[]) AND p.payroll_id = ${options.payrollId}::uuid`.execute(
        trx,
      );
      const statusByRef = new Map(known.rows.map((r) => [r.ref, r.status]));
      for (const l of rest) {
        const status = statusByRef.get(l.ref);
        problems.push({
          line: l.line,
          ref: l.ref,
          problem:
            status === undefined
              ? 'unknown payment reference for this payroll'
              : `already settled (${status}); not applied`,
        });
      }
    }
    problems.sort((a, b) => a.line - b.line);
    const lineCount = new Set([...lines.map((l) => l.line), ...problems.map((p) => p.line)]).size;
    await trx
      .updateTable('payment_result_import')
      .set({ line_count: lineCount, applied_count: appliedLines.size, report: JSON.stringify(problems) })
      .where('id', '=', importId)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'payments.results.import',
      entityType: 'payroll',
      entityId: options.payrollId,
      after: {
        importId,
        fileName: options.fileName,
        sha256,
        applied: appliedLines.size,
        problems: problems.length,
      },
    });
    return { importId, isRepeat: false, lineCount, appliedCount: appliedLines.size, problems };
  });
}

/** approved = paid + failed + unclaimed + pending, from the cycle snapshot and the payments. */
export async function reconciliationReport(options: { database: Database; payrollId: string }) {
  const { db } = options.database;
  const payroll = await db
    .selectFrom('payroll')
    .selectAll()
    .where('id', '=', options.payrollId)
    .executeTakeFirst();
  if (!payroll) throw notFound('Payroll');
  const rows = await sql<{
    status: string;
    n: number;
    riel: number;
    expired_n: number;
    expired_riel: number;
  }>`
    SELECT coalesce(p.status, 'pending') AS status, count(*)::int AS n, coalesce(sum(cb.amount_riel), 0)::bigint AS riel,
      count(*) FILTER (WHERE p.expired_at IS NOT NULL)::int AS expired_n,
      coalesce(sum(cb.amount_riel) FILTER (WHERE p.expired_at IS NOT NULL), 0)::bigint AS expired_riel
    FROM cycle_beneficiary cb
    LEFT JOIN payment p ON p.cycle_id = cb.cycle_id AND p.household_id = cb.household_id
    WHERE cb.cycle_id = ${payroll.cycle_id}::uuid
    GROUP BY 1`.execute(db);
  const pick = (status: string) => {
    const r = rows.rows.find((x) => x.status === status);
    return { count: r?.n ?? 0, riel: Number(r?.riel ?? 0) };
  };
  const cycle = await db
    .selectFrom('programme_cycle')
    .select(['household_count', 'total_riel'])
    .where('id', '=', payroll.cycle_id)
    .executeTakeFirstOrThrow();
  const parts = ['paid', 'failed', 'unclaimed', 'pending'].map(pick);
  const approved = { count: cycle.household_count, riel: Number(cycle.total_riel) };
  const expired = rows.rows.reduce(
    (a, r) => ({ count: a.count + r.expired_n, riel: a.riel + Number(r.expired_riel) }),
    { count: 0, riel: 0 },
  );
  return {
    payrollId: payroll.id,
    approved,
    paid: parts[0]!,
    failed: parts[1]!,
    unclaimed: parts[2]!,
    expired,
    pending: parts[3]!,
    isBalanced:
      parts.reduce((s, p) => s + p.count, 0) === approved.count &&
      parts.reduce((s, p) => s + p.riel, 0) === approved.riel,
  };
}
