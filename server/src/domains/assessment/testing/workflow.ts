import type { Answers } from '@mlob/contracts';
import { expect } from 'vitest';
import type { TestApp } from '../../../testing/test-app';
import { enteredAnswers } from './answers';

type Headers = { cookie: string };

/** Calls the API and fails the test with the body when the status is not the expected one. */
export async function call<T = unknown>(
  t: TestApp,
  headers: Headers,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  expected = method === 'POST' ? [200, 201, 202, 204] : [200],
): Promise<T> {
  const response = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  expect(expected, `${method} ${url}: ${response.statusCode} ${response.body}`).toContain(
    response.statusCode,
  );
  return (
    response.body && response.headers['content-type']?.toString().includes('json')
      ? response.json()
      : response.body
  ) as T;
}

/** An on-demand request and interview for a household; returns the assessment. */
export async function assessOnDemand(
  t: TestApp,
  headers: Headers,
  householdId: string,
  answers: Answers,
  interviewedOn: string,
) {
  const request = await call<{ id: string }>(t, headers, 'POST', '/api/assessment/requests', {
    householdId,
    requestedVia: 'village_chief',
    requesterName: 'Village chief',
    reason: 'Household asked to be assessed',
  });
  return call<{ id: string; explanation: { score: number; level: number | null } }>(
    t,
    headers,
    'POST',
    '/api/assessment/assessments',
    {
      householdId,
      requestId: request.id,
      interviewerName: 'VRG member Sok',
      interviewedOn,
      answers: enteredAnswers(answers),
    },
  );
}

/** Takes the on-demand assessments of a village through every step to publication. */
export async function validateAndPublish(
  t: TestApp,
  who: { commune: Headers; province: Headers },
  villageCode: string,
): Promise<string> {
  const list = await call<{ id: string }>(t, who.commune, 'POST', '/api/assessment/lists', { villageCode });
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  await call(t, who.commune, 'POST', `/api/assessment/lists/${list.id}/display`, { objectionUntil: today });
  await t.database.db
    .updateTable('village_list')
    .set({ objection_until: '2020-01-01' })
    .where('id', '=', list.id)
    .execute();
  await call(t, who.commune, 'POST', `/api/assessment/lists/${list.id}/approve`, {
    councilDecisionRef: 'CC-TEST',
  });
  await call(t, who.province, 'POST', `/api/assessment/lists/${list.id}/publish`);
  return list.id;
}
