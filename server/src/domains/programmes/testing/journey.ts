import { randomBytes } from 'node:crypto';
import { JobRunner } from '../../../platform/jobs/job-runner';
import type { TestApp } from '../../../testing/test-app';
import { COVID_VERSION } from '../programmes.seed';
import { insertHousehold } from './fixtures';

/**
 * Test helper for the later stages: a programme over the given villages (the COVID formula,
 * in force from 2026), `households` card-holding households enrolled, and a cycle prepared
 * and approved by two different checkers. Returns the cycle id and the household refs.
 */
export async function approvedCycle(
  t: TestApp,
  options: { villageCode: string; households: number; period?: string },
): Promise<{ cycleId: string; code: string; householdRefs: string[]; householdIds: string[] }> {
  const code = `pay-${randomBytes(3).toString('hex')}`;
  const maker = await t.signedIn({ role: 'programme_officer' });
  const checker = await t.signedIn({ role: 'programme_officer' });
  const payer = await t.signedIn({ role: 'payment_officer' });
  const post = async (url: string, payload: object, headers = maker.headers) => {
    const response = await t.app.inject({ method: 'POST', url, payload, headers });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const refs: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < options.households; i += 1) {
    const h = await insertHousehold(t.database, {
      villageCode: options.villageCode,
      card: { level: i % 2 === 0 ? 1 : 2 },
    });
    refs.push(h.householdRef);
    ids.push(h.householdId);
  }
  await post('/api/programmes', {
    code,
    name: { en: `Payments ${code}`, km: `ការទូទាត់ ${code}` },
    version: {
      ...COVID_VERSION,
      providers: ['wing', 'bank'],
      effectiveFrom: '2026-01-01',
      effectiveUntil: null,
      eligibilityRule: `${COVID_VERSION.eligibilityRule} and village = '${options.villageCode}'`,
    },
  });
  await post(`/api/programmes/${code}/versions/1/activate`, {});
  await post(`/api/programmes/${code}/enrolment-runs`, {});
  await new JobRunner({ database: t.database }).drain();
  const cycle = await post(`/api/programmes/${code}/cycles`, { period: options.period ?? '2026-11' });
  await post(`/api/cycles/${cycle.id}/decisions`, { stepNo: 1, decision: 'approved' }, checker.headers);
  await post(`/api/cycles/${cycle.id}/decisions`, { stepNo: 2, decision: 'approved' }, payer.headers);
  return { cycleId: cycle.id, code, householdRefs: refs, householdIds: ids };
}
