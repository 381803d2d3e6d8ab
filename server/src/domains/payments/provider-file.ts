import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { notFound } from '../../platform/errors';
import { programmeRefused } from '../programmes';

/** The columns of a provider file, in order (format mlob-provider-csv v1, docs/programmes.md). */
export const PROVIDER_FILE_HEADER = [
  'payment_ref',
  'household_ref',
  'recipient_name',
  'phone',
  'amount_riel',
  'currency',
  'withdrawal_until',
];

/**
 * Builds a batch's provider file: a header, one line per attempt in reference order, and a
 * control line `#control,batch=…,provider=…,count=N,total_riel=T,sha256=H` where H is the
 * SHA-256 of every byte before the control line. The content is a pure function of the batch,
 * so the checksum recorded at the first export must match every later export.
 */
export async function buildProviderFile(options: {
  database: Database;
  batchId: string;
  chunkSize?: number;
}) {
  const { db } = options.database;
  const batch = await db
    .selectFrom('payment_batch as b')
    .innerJoin('payroll as pr', 'pr.id', 'b.payroll_id')
    .select(['b.id', 'b.provider_code', 'b.batch_no', 'b.file_sha256', 'pr.withdrawal_until', 'pr.cycle_id'])
    .where('b.id', '=', options.batchId)
    .executeTakeFirst();
  if (!batch) throw notFound('Payment batch');
  const hash = createHash('sha256');
  const parts: string[] = [];
  const push = (line: string) => {
    const withEnd = `${line}\n`;
    hash.update(withEnd);
    parts.push(withEnd);
  };
  push(PROVIDER_FILE_HEADER.join(','));
  let count = 0;
  let total = 0;
  let after = 0;
  const size = options.chunkSize ?? 250_000;
  for (;;) {
    const rows = await sql<{ id: number; line: string; amount_riel: number }>`
      SELECT a.id, p.amount_riel, concat_ws(',', a.ref, cb.household_ref, ${csvSql('cb.recipient_name')}, coalesce(cb.phone, ''),
        p.amount_riel, 'KHR', ${batch.withdrawal_until}::text) AS line
      FROM payment_attempt a
      JOIN payment p ON p.id = a.payment_id
      JOIN cycle_beneficiary cb ON cb.cycle_id = p.cycle_id AND cb.household_id = p.household_id
      WHERE a.batch_id = ${batch.id}::uuid AND a.id > ${after}
      ORDER BY a.id LIMIT ${size}`.execute(db);
    for (const r of rows.rows) {
      push(r.line);
      count += 1;
      total += r.amount_riel;
    }
    if (rows.rows.length < size) break;
    after = rows.rows[rows.rows.length - 1]!.id;
  }
  const sha256 = hash.digest('hex');
  parts.push(
    `#control,batch=${batch.id},provider=${batch.provider_code},count=${count},total_riel=${total},sha256=${sha256}\n`,
  );
  if (batch.file_sha256 === null) {
    await db
      .updateTable('payment_batch')
      .set({ file_sha256: sha256, exported_at: new Date() })
      .where('id', '=', batch.id)
      .where('file_sha256', 'is', null)
      .execute();
  } else if (batch.file_sha256 !== sha256) {
    throw programmeRefused('conflict', 'batch_file_changed');
  }
  return {
    fileName: `mlob-${batch.provider_code}-${batch.cycle_id.slice(0, 8)}-b${batch.batch_no}.csv`,
    content: parts.join(''),
    count,
    totalRiel: total,
    sha256,
  };
}

/** Quotes a text column for CSV inside SQL (RFC 4180: quotes when it holds a quote, comma or line end). */
function csvSql(column: string) {
  const ref = sql.ref(column);
  return sql`CASE WHEN ${ref} ~ '[",\r\n]' THEN '"' || replace(${ref}, '"', '""') || '"' ELSE ${ref} END`;
}

/** Checks a file's control line against its content (for providers and tests). */
export function verifyProviderFile(content: string): { count: number; totalRiel: number; isValid: boolean } {
  const at = content.lastIndexOf('#control,');
  if (at < 0) return { count: 0, totalRiel: 0, isValid: false };
  const body = content.slice(0, at);
  const control = Object.fromEntries(
    content
      .slice(at)
      .trim()
      .split(',')
      .slice(1)
      .map((kv) => kv.split('=') as [string, string]),
  );
  const lines = body
    .split('\n')
    .filter((l) => l !== '')
    .slice(1);
  const total = lines.reduce((sum, l) => sum + Number(l.split(',').at(-3)), 0);
  const isValid =
    control.sha256 === createHash('sha256').update(body).digest('hex') &&
    Number(control.count) === lines.length &&
    Number(control.total_riel) === total;
  return { count: lines.length, totalRiel: total, isValid };
}
