import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { ENGINES } from '../../../testing/test-database';
import { allLeafChanges, setUpNetwork } from '../labs-test-kit';

describe.each(ENGINES)('lab audits on %s', (engine) => {
  let t: TestApp;
  let net: Awaited<ReturnType<typeof setUpNetwork>>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    net = await setUpNetwork(t);
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST', url: string, headers: { cookie: string }, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const peerAudit = async () => {
    const response = await call('POST', '/api/labs/audits', net.auditor2.headers, {
      labCode: 'LAB-01',
      checklistVersionId: net.versionId,
      kind: 'peer',
      auditDate: '2026-11-20',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; auditingLabCode: string; status: string };
  };

  it('shows lab staff only their lab and the Bureau the whole network', async () => {
    const own = (await call('GET', '/api/labs', net.qm1.headers))
      .json()
      .items.map((l: { code: string }) => l.code);
    expect(own).toEqual(['LAB-01']);
    expect((await call('GET', '/api/labs/LAB-02', net.qm1.headers)).statusCode).toBe(404);
    expect((await call('GET', '/api/labs/LAB-01', net.qm1.headers)).statusCode).toBe(200);
    const all = (await call('GET', '/api/labs', net.bureau.headers))
      .json()
      .items.map((l: { code: string }) => l.code);
    expect(all).toEqual(['LAB-01', 'LAB-02', 'LAB-03']);
  });

  it('never lets an auditor audit their own lab', async () => {
    for (const kind of ['internal', 'peer'] as const) {
      const response = await call('POST', '/api/labs/audits', net.auditor1.headers, {
        labCode: 'LAB-01',
        checklistVersionId: net.versionId,
        kind,
        auditingLabCode: kind === 'peer' ? 'LAB-02' : undefined,
        auditDate: '2026-11-20',
      });
      expect(response.statusCode, kind).toBe(403);
      expect(response.json().message).toMatch(/may not audit their own lab/);
    }
    // Nor answer an audit of their own lab started by someone else.
    const audit = await peerAudit();
    const sync = await call('POST', `/api/labs/audits/${audit.id}/answers/sync`, net.auditor1.headers, {
      changes: [{ changeId: randomUUID(), itemId: '1.1', answer: 'yes', clientAt: new Date().toISOString() }],
    });
    expect(sync.statusCode).toBe(403);
  });

  it('scopes audits: the audited lab and the auditing lab see a peer audit, a third lab does not', async () => {
    const audit = await peerAudit();
    expect(audit.auditingLabCode).toBe('LAB-02');
    expect((await call('GET', `/api/labs/audits/${audit.id}`, net.qm1.headers)).statusCode).toBe(200);
    expect((await call('GET', `/api/labs/audits/${audit.id}`, net.auditor3.headers)).statusCode).toBe(404);
    const listed = (await call('GET', '/api/labs/audits', net.auditor3.headers)).json().items;
    expect(listed.map((a: { id: string }) => a.id)).not.toContain(audit.id);
    // The audited lab reads but does not answer its peer audit.
    const sync = await call('POST', `/api/labs/audits/${audit.id}/answers/sync`, net.qm1.headers, {
      changes: [{ changeId: randomUUID(), itemId: '1.1', answer: 'yes', clientAt: new Date().toISOString() }],
    });
    expect(sync.statusCode).toBe(403);
  });

  it('syncs answers idempotently: replays are duplicates, older edits are stale, bad ones refused', async () => {
    const audit = await peerAudit();
    const url = `/api/labs/audits/${audit.id}/answers/sync`;
    const batch = [
      {
        changeId: randomUUID(),
        itemId: '1.1',
        answer: 'partial',
        comment: 'legal letter expired',
        clientAt: '2026-11-20T08:00:00Z',
      },
      {
        changeId: randomUUID(),
        itemId: '9.4',
        answer: 'na',
        naJustification: 'one analyser per test',
        clientAt: '2026-11-20T08:01:00Z',
      },
      { changeId: randomUUID(), itemId: '1.3', answer: 'no', clientAt: '2026-11-20T08:02:00Z' },
    ];
    const first = (await call('POST', url, net.auditor2.headers, { changes: batch })).json();
    expect(first.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const replay = (await call('POST', url, net.auditor2.headers, { changes: batch })).json();
    expect(replay.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(replay.revision).toBe(first.revision);

    // A second tablet edited 1.1 earlier but syncs later: its edit is kept as stale, not applied.
    const late = await call('POST', url, net.auditor2.headers, {
      changes: [
        { changeId: randomUUID(), itemId: '1.1', answer: 'yes', clientAt: '2026-11-20T07:59:00Z' },
        { changeId: randomUUID(), itemId: '1.3', answer: 'partial', clientAt: '2026-11-20T09:00:00Z' },
        { changeId: randomUUID(), itemId: '1.4', answer: 'na', clientAt: '2026-11-20T09:00:00Z' },
        { changeId: randomUUID(), itemId: '5.4.a', answer: 'na', clientAt: '2026-11-20T09:00:00Z' },
        { changeId: randomUUID(), itemId: '1.2', answer: 'yes', clientAt: '2026-11-20T09:00:00Z' },
      ],
    });
    expect(late.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'stale',
      'applied',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(late.json().results[2].message).toMatch(/"na" is not offered for 1.4/);
    expect(late.json().results[3].message).toMatch(/N\/A on 5.4.a needs a justification/);
    expect(late.json().results[4].message).toMatch(/answer the sub-questions of 1.2/);

    const detail = (await call('GET', `/api/labs/audits/${audit.id}`, net.auditor2.headers)).json();
    const answers = Object.fromEntries(
      detail.answers.map((a: { itemId: string; answer: string }) => [a.itemId, a.answer]),
    );
    expect(answers).toEqual({ '1.1': 'partial', '1.3': 'partial', '9.4': 'na' });
    expect(detail.answers).toHaveLength(3);
    expect(detail.maxPoints).toBe(271);
    expect(detail.points).toBe(2);
    expect(detail.checklistInconsistencies).toHaveLength(4);
    const changes = await t.database.db
      .selectFrom('lab_audit_answer_change')
      .select('outcome')
      .where('audit_id', '=', audit.id)
      .execute();
    expect(changes).toHaveLength(5);
  });

  it('runs draft → submitted → approved → published, with reopen needing a reason, every step audited', async () => {
    const audit = await peerAudit();
    const step = (name: string, who: { cookie: string }, payload: unknown = {}) =>
      call('POST', `/api/labs/audits/${audit.id}/${name}`, who, payload);
    expect((await step('submit', net.auditor2.headers)).statusCode).toBe(409);
    const changes = await allLeafChanges(t.database, net.versionId);
    const synced = await call('POST', `/api/labs/audits/${audit.id}/answers/sync`, net.auditor2.headers, {
      changes,
    });
    expect(synced.json()).toMatchObject({ points: 273, maxPoints: 273, stars: 5 });
    const submitted = await step('submit', net.auditor2.headers);
    expect(submitted.json()).toMatchObject({ status: 'submitted', points: 273, stars: 5 });
    const locked = await call('POST', `/api/labs/audits/${audit.id}/answers/sync`, net.auditor2.headers, {
      changes: [{ changeId: randomUUID(), itemId: '1.1', answer: 'no', clientAt: new Date().toISOString() }],
    });
    expect(locked.json().results[0].outcome).toBe('rejected');
    expect((await step('approve', net.auditor2.headers)).statusCode).toBe(403);
    expect((await step('publish', net.bureau.headers)).statusCode).toBe(409);
    expect((await step('approve', net.bureau.headers)).json().status).toBe('approved');
    expect((await step('publish', net.bureauQm.headers)).json().status).toBe('published');
    const lab = (await call('GET', '/api/labs/LAB-01', net.qm1.headers)).json();
    expect(lab).toMatchObject({ latestStars: 5, latestPercent: 100 });
    expect((await step('reopen', net.bureau.headers, {})).statusCode).toBe(400);
    const reopened = await step('reopen', net.bureau.headers, { reason: 'Evidence for 8.9 was misread' });
    expect(reopened.json().status).toBe('draft');
    expect(reopened.json().transitions.map((x: { toStatus: string }) => x.toStatus)).toEqual([
      'draft',
      'submitted',
      'approved',
      'published',
      'draft',
    ]);
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity_id', '=', audit.id)
      .orderBy('seq')
      .execute();
    expect(trail.map((r) => r.action)).toEqual([
      'labs.audit.create',
      'labs.audit.answers',
      'labs.audit.submit',
      'labs.audit.approve',
      'labs.audit.publish',
      'labs.audit.reopen',
    ]);
    expect(trail.at(-1)!.reason).toBe('Evidence for 8.9 was misread');
  });

  it('keeps evidence files with the audit item', async () => {
    const audit = await peerAudit();
    const uploaded = await call('POST', `/api/labs/audits/${audit.id}/evidence`, net.auditor2.headers, {
      itemId: '8.9',
      fileName: 'qc-log.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('QC log March').toString('base64'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = await call(
      'GET',
      `/api/labs/audits/${audit.id}/evidence/${uploaded.json().id}`,
      net.qm1.headers,
    );
    expect(file.body).toBe('QC log March');
    expect(
      (await call('GET', `/api/labs/audits/${audit.id}/evidence/${uploaded.json().id}`, net.auditor3.headers))
        .statusCode,
    ).toBe(404);
  });
});
