import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The payroll of an approved cycle, written as a few set-based statements in the caller's
 * transaction: the payroll row (ON CONFLICT on cycle_id: a second generation, concurrent or
 * after a crash, finds the first), one batch per provider, one payment per beneficiary
 * (UNIQUE cycle_id, household_id), its first attempt, and the SMS alerts.
 * Returns null when the payroll already existed (nothing else is written then).
 */
export async function insertPayroll(
  trx: Transaction<DB>,
  options: { cycleId: string; withdrawalFrom: string; actorId: string },
): Promise<string | null> {
  const payroll = await sql<{ id: string }>`
    INSERT INTO payroll (cycle_id, withdrawal_from, withdrawal_until, payment_count, total_riel, generated_by)
    SELECT c.id, ${options.withdrawalFrom}::date, ${options.withdrawalFrom}::date + v.withdrawal_days,
      c.household_count, c.total_riel, ${options.actorId}
    FROM programme_cycle c JOIN programme_version v ON v.id = c.programme_version_id
    WHERE c.id = ${options.cycleId}::uuid AND c.status = 'approved'
    ON CONFLICT (cycle_id) DO NOTHING
    RETURNING id`.execute(trx);
  const payrollId = payroll.rows[0]?.id;
  if (!payrollId) return null;
  const assigned = sql`
    SELECT cb.household_id, cb.amount_riel, coalesce(pref.provider_code, v.providers[1]) AS provider_code
    FROM cycle_beneficiary cb
    JOIN programme_cycle c ON c.id = cb.cycle_id
    JOIN programme_version v ON v.id = c.programme_version_id
    LEFT JOIN payment_preference pref ON pref.programme_id = c.programme_id AND pref.household_id = cb.household_id
    WHERE cb.cycle_id = ${options.cycleId}::uuid`;
  await sql`INSERT INTO payment (payroll_id, cycle_id, household_id, provider_code, amount_riel)
    SELECT ${payrollId}::uuid, ${options.cycleId}::uuid, a.household_id, a.provider_code, a.amount_riel
    FROM (${assigned}) a`.execute(trx);
  await sql`INSERT INTO payment_batch (payroll_id, provider_code, batch_no, kind, payment_count, total_riel, created_by)
    SELECT ${payrollId}::uuid, p.provider_code, 1, 'initial', count(*), sum(p.amount_riel), ${options.actorId}
    FROM payment p WHERE p.payroll_id = ${payrollId}::uuid GROUP BY p.provider_code`.execute(trx);
  await sql`INSERT INTO payment_attempt (ref, payment_id, attempt_no, batch_id)
    SELECT 'MLOB-' || p.id || '-1', p.id, 1, b.id
    FROM payment p JOIN payment_batch b ON b.payroll_id = p.payroll_id AND b.provider_code = p.provider_code AND b.batch_no = 1
    WHERE p.payroll_id = ${payrollId}::uuid`.execute(trx);
  await queueAlerts(trx, { payrollId, batchNo: null });
  return payrollId;
}

/**
 * One SMS per attempt with a phone, in Khmer (the default language of the registry), from
 * the template; the idempotency key is the attempt's reference, so an alert is queued once.
 */
export async function queueAlerts(
  trx: Transaction<DB>,
  options: { payrollId: string; batchNo: number | null },
) {
  await sql`INSERT INTO sms_outbox (idempotency_key, payment_attempt_id, phone, language, body)
    SELECT 'payment_ready:' || a.ref, a.id, cb.phone, t.language,
      replace(replace(replace(replace(replace(t.body,
        '{programme}', CASE t.language WHEN 'km' THEN pg.name_km ELSE pg.name_en END),
        '{amount}', to_char(p.amount_riel, 'FM999,999,999')),
        '{provider}', CASE t.language WHEN 'km' THEN pv.name_km ELSE pv.name_en END),
        '{until}', to_char(pr.withdrawal_until, 'DD-MM-YYYY')),
        '{ref}', a.ref)
    FROM payment_attempt a
    JOIN payment_batch b ON b.id = a.batch_id
    JOIN payment p ON p.id = a.payment_id
    JOIN payroll pr ON pr.id = p.payroll_id
    JOIN programme_cycle c ON c.id = p.cycle_id
    JOIN programme pg ON pg.id = c.programme_id
    JOIN payment_provider pv ON pv.code = p.provider_code
    JOIN cycle_beneficiary cb ON cb.cycle_id = p.cycle_id AND cb.household_id = p.household_id
    JOIN sms_template t ON t.code = 'payment_ready' AND t.language = 'km'
    WHERE b.payroll_id = ${options.payrollId}::uuid AND a.status = 'sent' AND cb.phone IS NOT NULL
      ${options.batchNo === null ? sql`` : sql`AND b.batch_no = ${options.batchNo}`}
    ON CONFLICT (idempotency_key) DO NOTHING`.execute(trx);
}

/**
 * Re-issues every failed payment of a payroll in a new batch per provider (attempt n+1).
 * The payroll row is locked first, so concurrent re-issues run one after the other and the
 * second finds nothing failed. Returns the new batches.
 */
export async function reissueFailed(trx: Transaction<DB>, options: { payrollId: string; actorId: string }) {
  await sql`SELECT id FROM payroll WHERE id = ${options.payrollId}::uuid FOR UPDATE`.execute(trx);
  const batches = await sql<{ id: string; provider_code: string; batch_no: number }>`
    INSERT INTO payment_batch (payroll_id, provider_code, batch_no, kind, payment_count, total_riel, created_by)
    SELECT ${options.payrollId}::uuid, p.provider_code,
      (SELECT max(b.batch_no) + 1 FROM payment_batch b WHERE b.payroll_id = ${options.payrollId}::uuid AND b.provider_code = p.provider_code),
      'reissue', count(*), sum(p.amount_riel), ${options.actorId}
    FROM payment p WHERE p.payroll_id = ${options.payrollId}::uuid AND p.status = 'failed'
    GROUP BY p.provider_code
    RETURNING id, provider_code, batch_no`.execute(trx);
  if (batches.rows.length === 0) return [];
  await sql`INSERT INTO payment_attempt (ref, payment_id, attempt_no, batch_id)
    SELECT 'MLOB-' || p.id || '-' || (last.n + 1), p.id, last.n + 1, b.id
    FROM payment p
    JOIN LATERAL (SELECT max(a.attempt_no) AS n FROM payment_attempt a WHERE a.payment_id = p.id) last ON true
    JOIN payment_batch b ON b.payroll_id = p.payroll_id AND b.provider_code = p.provider_code AND b.kind = 'reissue'
      AND b.batch_no = (SELECT max(x.batch_no) FROM payment_batch x WHERE x.payroll_id = p.payroll_id AND x.provider_code = p.provider_code)
    WHERE p.payroll_id = ${options.payrollId}::uuid AND p.status = 'failed'`.execute(trx);
  await sql`UPDATE payment SET status = 'pending', settled_at = NULL
    WHERE payroll_id = ${options.payrollId}::uuid AND status = 'failed'`.execute(trx);
  for (const b of batches.rows) await queueAlerts(trx, { payrollId: options.payrollId, batchNo: b.batch_no });
  return batches.rows;
}

/** Marks unclaimed payments whose withdrawal window closed before `today` as expired. */
export async function expireUnclaimed(trx: Transaction<DB>, options: { payrollId: string; today: string }) {
  const result = await sql`UPDATE payment p SET expired_at = now()
    FROM payroll pr WHERE pr.id = p.payroll_id AND p.payroll_id = ${options.payrollId}::uuid
      AND p.status = 'unclaimed' AND p.expired_at IS NULL AND pr.withdrawal_until < ${options.today}::date`.execute(
    trx,
  );
  return Number(result.numAffectedRows ?? 0);
}
