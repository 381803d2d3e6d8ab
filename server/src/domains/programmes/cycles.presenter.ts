import type { ZCycle } from '@mlob/contracts';
import type { z } from 'zod';
import type { getCycle } from './cycles.service';

/** The whitelist of a cycle's fields that leave the server. */
export function presentCycle({
  cycle,
  approvals,
}: Awaited<ReturnType<typeof getCycle>>): z.infer<typeof ZCycle> {
  return {
    id: cycle.id,
    programmeCode: cycle.programme_code,
    period: cycle.period,
    onDate: cycle.on_date,
    status: cycle.status as 'prepared' | 'approved' | 'rejected',
    householdCount: cycle.household_count,
    memberCount: cycle.member_count,
    totalRiel: Number(cycle.total_riel),
    unconfirmedCount: cycle.unconfirmed_count,
    unpricedCount: cycle.unpriced_count,
    preparedBy: cycle.prepared_by,
    approvalRoles: cycle.approval_roles,
    approvals: approvals.map((a) => ({
      stepNo: a.step_no,
      role: a.role,
      decision: a.decision,
      decidedBy: a.decided_by,
      at: a.decided_at.toISOString(),
    })),
  };
}
