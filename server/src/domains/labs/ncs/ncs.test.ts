import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { ENGINES } from '../../../testing/test-database';
import { todayInCambodia } from '../../geography';
import { setUpNetwork } from '../labs-test-kit';

const shift = (days: number) =>
  new Date(Date.parse(`${todayInCambodia()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('nonconformities and CAPA on %s', (engine) => {
  let t: TestApp;
  let net: Awaited<ReturnType<typeof setUpNetwork>>;
  let auditId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    net = await setUpNetwork(t);
    const audit = await t.app.inject({
      method: 'POST',
      url: '/api/labs/audits',
      headers: net.auditor2.headers,
      payload: {
        labCode: 'LAB-01',
        checklistVersionId: net.versionId,
        kind: 'peer',
        auditDate: '2026-11-20',
      },
    });
    auditId = audit.json().id;
    const at = new Date().toISOString();
    await t.app.inject({
      method: 'POST',
      url: `/api/labs/audits/${auditId}/answers/sync`,
      headers: net.auditor2.headers,
      payload: {
        changes: [
          {
            changeId: randomUUID(),
            itemId: '8.9',
            answer: 'no',
            comment: 'No QC run on the haematology analyser for 3 days',
            clientAt: at,
          },
          { changeId: randomUUID(), itemId: '1.1', answer: 'yes', clientAt: at },
          { changeId: randomUUID(), itemId: '1.2.a', answer: 'no', clientAt: at },
          { changeId: randomUUID(), itemId: '1.2.b', answer: 'yes', clientAt: at },
        ],
      },
    });
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST', url: string, headers: { cookie: string }, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('opens a nonconformity from a finding in one click, once', async () => {
    const first = await call('POST', `/api/labs/audits/${auditId}/findings/8.9/nc`, net.auditor2.headers);
    expect(first.statusCode, first.body).toBe(201);
    const nc = first.json();
    expect(nc).toMatchObject({ labCode: 'LAB-01', source: 'audit', stage: 'reported', auditItemId: '8.9' });
    expect(nc.number).toMatch(/^NC-LAB-01-\d{4}-0001$/);
    expect(nc.evidence).toBe('No QC run on the haematology analyser for 3 days');
    expect(nc.links.map((l: { entityType: string }) => l.entityType).sort()).toEqual([
      'audit',
      'audit_question',
    ]);
    const again = await call('POST', `/api/labs/audits/${auditId}/findings/8.9/nc`, net.auditor2.headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(nc.id);
    // A question that rolls up to Partial is a finding; a Yes is not.
    expect(
      (await call('POST', `/api/labs/audits/${auditId}/findings/1.2/nc`, net.qm1.headers)).statusCode,
    ).toBe(201);
    expect(
      (await call('POST', `/api/labs/audits/${auditId}/findings/1.1/nc`, net.qm1.headers)).statusCode,
    ).toBe(409);
  });

  it('walks correction → risk → root cause → actions → effectiveness check → closed, every step audited', async () => {
    const nc = (
      await call('POST', `/api/labs/audits/${auditId}/findings/8.9/nc`, net.auditor2.headers)
    ).json();
    const url = `/api/labs/ncs/${nc.id}`;
    const qm = net.qm1.headers;
    // The peer auditor follows the NC but the lab owns it.
    expect((await call('GET', url, net.auditor2.headers)).statusCode).toBe(200);
    expect(
      (await call('POST', `${url}/risk`, net.auditor2.headers, { severity: 2, likelihood: 2 })).statusCode,
    ).toBe(403);
    expect((await call('GET', url, net.auditor3.headers)).statusCode).toBe(404);

    const corrected = await call('POST', `${url}/correction`, qm, {
      immediateCorrection: 'Patient results of the 3 days recalled and re-run with QC',
      correctedOn: todayInCambodia(),
    });
    expect(corrected.json().stage).toBe('analysis');
    expect((await call('POST', `${url}/risk`, qm, { severity: 4, likelihood: 3 })).json().riskGrade).toBe(
      'high',
    );
    const early = await call('POST', `${url}/actions`, qm, {
      kind: 'corrective',
      description: 'Daily QC rota',
      ownerName: 'Sok Dara',
      dueOn: shift(7),
    });
    expect(early.statusCode).toBe(409);
    const analysed = await call('POST', `${url}/root-cause`, qm, {
      method: 'five_whys',
      whys: ['QC not run', 'Controls out of stock', 'Order placed late', 'No minimum stock level set'],
      summary: 'No minimum stock level for QC material',
    });
    expect(analysed.json()).toMatchObject({ stage: 'action', rootCause: { method: 'five_whys' } });
    const planned = await call('POST', `${url}/actions`, qm, {
      kind: 'corrective',
      description: 'Set minimum stock levels for all QC material',
      ownerName: 'Sok Dara',
      dueOn: shift(-2),
    });
    expect(planned.json().actions[0]).toMatchObject({ status: 'open', isOverdue: true });
    expect(planned.json().overdueActions).toBe(1);
    expect(
      (
        await call('POST', `${url}/effectiveness`, qm, {
          checkedOn: todayInCambodia(),
          isEffective: true,
          evidence: 'too early',
        })
      ).statusCode,
    ).toBe(409);

    const actionId = planned.json().actions[0].id;
    const done = await call('POST', `${url}/actions/${actionId}/complete`, qm, {
      doneOn: todayInCambodia(),
      note: 'Min levels in the stock cards',
    });
    expect(done.json().stage).toBe('verification');
    const failed = await call('POST', `${url}/effectiveness`, qm, {
      checkedOn: todayInCambodia(),
      isEffective: false,
      evidence: 'QC skipped again on Sunday',
    });
    expect(failed.json().stage).toBe('action');
    const second = await call('POST', `${url}/actions`, qm, {
      kind: 'preventive',
      description: 'Weekend QC duty in the roster',
      ownerName: 'Chan Sophea',
      dueOn: shift(10),
    });
    const secondId = second.json().actions.find((a: { status: string }) => a.status === 'open').id;
    await call('POST', `${url}/actions/${secondId}/complete`, qm, {
      doneOn: todayInCambodia(),
      note: 'Roster updated',
    });
    expect(
      (
        await call('POST', `${url}/effectiveness`, net.auditor1.headers, {
          checkedOn: todayInCambodia(),
          isEffective: true,
          evidence: 'looks fine',
        })
      ).statusCode,
    ).toBe(403);
    const closed = await call('POST', `${url}/effectiveness`, qm, {
      checkedOn: todayInCambodia(),
      isEffective: true,
      evidence: 'Four weeks of QC records complete, including weekends',
    });
    expect(closed.json()).toMatchObject({ stage: 'closed' });
    expect(closed.json().effectivenessChecks.map((c: { isEffective: boolean }) => c.isEffective)).toEqual([
      false,
      true,
    ]);
    expect(
      (await call('POST', `${url}/links`, qm, { entityType: 'document', entityId: 'SOP-QC-01' })).statusCode,
    ).toBe(409);

    const trail = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', nc.id)
      .orderBy('seq')
      .execute();
    expect(trail.map((r) => r.action)).toEqual([
      'labs.nc.create',
      'labs.nc.correction',
      'labs.nc.risk',
      'labs.nc.root_cause',
      'labs.nc.action.add',
      'labs.nc.action.complete',
      'labs.nc.effectiveness.failed',
      'labs.nc.action.add',
      'labs.nc.action.complete',
      'labs.nc.close',
    ]);
  });

  it('lists due and overdue actions and a board by stage, within scope', async () => {
    const created = await call('POST', '/api/labs/ncs', net.qm1.headers, {
      labCode: 'LAB-01',
      source: 'complaint',
      title: 'Ward reports late CBC results',
      description: 'Medicine ward complained of CBC turnaround over 6 hours',
      links: [{ entityType: 'equipment', entityId: 'EQ-HAEM-01' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await call('POST', `/api/labs/ncs/${id}/root-cause`, net.qm1.headers, {
      method: 'fishbone',
      causes: { equipment: ['Analyser down twice'], people: ['One technician at night'] },
      summary: 'Single analyser without back-up at night',
    });
    await call('POST', `/api/labs/ncs/${id}/actions`, net.qm1.headers, {
      kind: 'corrective',
      description: 'Back-up agreement',
      ownerName: 'Keo Vanna',
      dueOn: shift(3),
    });
    await call('POST', `/api/labs/ncs/${id}/actions`, net.qm1.headers, {
      kind: 'corrective',
      description: 'Overdue one',
      ownerName: 'Keo Vanna',
      dueOn: shift(-1),
    });
    const due = (await call('GET', '/api/labs/actions/due?withinDays=7', net.bureau.headers)).json();
    const mine = due.items.filter((d: { ncId: string }) => d.ncId === id);
    expect(mine.map((d: { state: string; daysLeft: number }) => [d.state, d.daysLeft])).toEqual([
      ['overdue', -1],
      ['due_soon', 3],
    ]);
    expect(
      (await call('GET', '/api/labs/actions/due?withinDays=7', net.auditor3.headers)).json().items,
    ).toEqual([]);
    const board = (await call('GET', '/api/labs/ncs/board?labCode=LAB-01', net.qm1.headers)).json();
    expect(board.columns.map((c: { stage: string }) => c.stage)).toEqual([
      'reported',
      'analysis',
      'action',
      'verification',
      'closed',
    ]);
    expect(
      board.columns
        .find((c: { stage: string }) => c.stage === 'action')
        .items.map((i: { id: string }) => i.id),
    ).toContain(id);
    expect(
      (
        await call('POST', '/api/labs/ncs', net.qm1.headers, {
          labCode: 'LAB-02',
          source: 'incident',
          title: 'Spill in LAB-02',
          description: 'Not the business of LAB-01',
        })
      ).statusCode,
    ).toBe(404);
  });
});
