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
      // The rule is named (the web app says it in Khmer); the English message is unchanged.
      expect(response.json()).toMatchObject({
        message: 'An auditor may not audit their own lab.',
        reason: { code: 'labs.auditor_own_lab', params: {} },
      });
    }
    // A request's own check (the schema's) is told by its catalogued sentence too.
    const badCode = await call('POST', '/api/labs/audits', net.bureau.headers, {
      labCode: 'lab 1',
      checklistVersionId: net.versionId,
      kind: 'external',
      auditDate: '2026-11-20',
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().details).toContainEqual(
      expect.objectContaining({ message: 'a lab code looks like LAB-01', code: 'labs.lab_code_format' }),
    );
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
    const incomplete = await step('submit', net.auditor2.headers);
    expect(incomplete.statusCode).toBe(409);
    // Each refusal names its rule and the values it needs, each unanswered item on its own path.
    const { message, reason, details } = incomplete.json();
    expect(reason).toEqual({
      code: 'labs.items_not_answered',
      params: { count: 371, first: '1.1, 1.2.a, 1.2.b, 1.2.c, 1.2.d' },
    });
    expect(message).toBe('371 item(s) are not answered yet (first: 1.1, 1.2.a, 1.2.b, 1.2.c, 1.2.d).');
    expect(details[0]).toMatchObject({
      path: ['answers', '1.1'],
      message: 'is not answered',
      code: 'labs.item_not_answered',
    });
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
    const byAuditor = await step('approve', net.auditor2.headers);
    expect(byAuditor.statusCode).toBe(403);
    expect(byAuditor.json()).toMatchObject({
      message: 'Only the Bureau of Medical Laboratory Services approves and publishes audits.',
      reason: { code: 'labs.bureau_reviews', params: {} },
    });
    const early = await step('publish', net.bureau.headers);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      message: 'The audit is submitted: "publish" is not possible now.',
      reason: { code: 'labs.audit_step_not_possible', params: { status: 'submitted', step: 'publish' } },
    });
    expect((await step('approve', net.bureau.headers)).json().status).toBe('approved');
    expect((await step('publish', net.bureauQm.headers)).json().status).toBe('published');
    const lab = (await call('GET', '/api/labs/LAB-01', net.qm1.headers)).json();
    expect(lab).toMatchObject({ latestStars: 5, latestPercent: 100 });
    expect((await step('reopen', net.bureau.headers, {})).statusCode).toBe(400);
    const unexplained = await step('reopen', net.bureau.headers, { reason: 'why' });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().details).toEqual([
      { path: ['body', 'reason'], message: 'Say why (at least 5 characters)', code: 'labs.say_why' },
    ]);
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
    // An item the checklist does not have is refused on its field, by its catalogued sentence.
    const unknown = await call('POST', `/api/labs/audits/${audit.id}/evidence`, net.auditor2.headers, {
      itemId: '99.9',
      fileName: 'qc-log.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('QC log March').toString('base64'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      message: 'Unknown item 99.9.',
      details: [{ path: ['itemId'], message: 'is not in the checklist', code: 'labs.unknown_item' }],
      reason: { code: 'labs.unknown_item', params: { item: '99.9' } },
    });
    expect(
      (await call('GET', `/api/labs/audits/${audit.id}/evidence/${uploaded.json().id}`, net.auditor3.headers))
        .statusCode,
    ).toBe(404);
  });
});
