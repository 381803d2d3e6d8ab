import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { ENGINES } from '../../../testing/test-database';
import { todayInCambodia } from '../../geography';
import { allLeafChanges, setUpNetwork } from '../labs-test-kit';
import { addDays } from './equipment.service';

describe.each(ENGINES)('lab quality system on %s', (engine) => {
  let t: TestApp;
  let net: Awaited<ReturnType<typeof setUpNetwork>>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    net = await setUpNetwork(t);
  });
  afterAll(async () => t?.close());
  const call = (method: 'GET' | 'POST', url: string, headers: { cookie: string }, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const today = todayInCambodia();

  it('opens an NC for an unsatisfactory EQA result and withholds stars under the PT rule', async () => {
    const scheme = await call('POST', '/api/labs/eqa/schemes', net.bureau.headers, {
      code: 'WHO-HAEM',
      name: 'Haematology EQA',
      provider: 'National Public Health Laboratory',
      discipline: 'Haematology',
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    expect(
      (
        await call('POST', '/api/labs/eqa/schemes', net.qm1.headers, {
          code: 'X-1',
          name: 'xx',
          provider: 'xx',
          discipline: 'xx',
        })
      ).statusCode,
    ).toBe(403);
    const round = async (label: string) =>
      (
        await call('POST', '/api/labs/eqa/rounds', net.qm1.headers, {
          schemeId: scheme.json().id,
          labCode: 'LAB-01',
          roundLabel: label,
          dueOn: today,
        })
      ).json();
    const r1 = await round('2026-A');
    const r2 = await round('2026-B');
    const good = await call('POST', `/api/labs/eqa/rounds/${r1.id}/result`, net.qm1.headers, {
      scorePercent: 90,
      scoredOn: addDays(today, -30),
    });
    expect(good.json()).toMatchObject({ isSatisfactory: true, ncId: null });
    const bad = await call('POST', `/api/labs/eqa/rounds/${r2.id}/result`, net.qm1.headers, {
      scorePercent: 70,
      scoredOn: today,
    });
    expect(bad.json()).toMatchObject({ isSatisfactory: false, status: 'scored' });
    const nc = (await call('GET', `/api/labs/ncs/${bad.json().ncId}`, net.qm1.headers)).json();
    expect(nc).toMatchObject({ source: 'eqa', labCode: 'LAB-01' });
    expect(nc.links[0]).toMatchObject({ entityType: 'eqa_result', entityId: r2.id });

    // A fully-Yes internal audit of LAB-01 scores 100% but earns no stars: the latest PT was 70%.
    const audit = (
      await call('POST', '/api/labs/audits', net.qm1.headers, {
        labCode: 'LAB-01',
        checklistVersionId: net.versionId,
        kind: 'internal',
        auditDate: today,
      })
    ).json();
    await call('POST', `/api/labs/audits/${audit.id}/answers/sync`, net.qm1.headers, {
      changes: await allLeafChanges(t.database, net.versionId),
    });
    const submitted = (await call('POST', `/api/labs/audits/${audit.id}/submit`, net.qm1.headers, {})).json();
    expect(submitted).toMatchObject({ percent: 100, starsByPercent: 5, stars: 0, proficiency: 'not_met' });
  });

  it('tracks equipment due dates, and a breakdown takes it out of service with an NC', async () => {
    const created = await call('POST', '/api/labs/equipment', net.qm1.headers, {
      labCode: 'LAB-01',
      assetCode: 'EQ-HAEM-01',
      name: 'Haematology analyser',
      category: 'Analyser',
      calibrationIntervalDays: 365,
      lastCalibrationOn: addDays(today, -400),
      maintenanceIntervalDays: 90,
      lastMaintenanceOn: addDays(today, -80),
    });
    expect(created.json()).toMatchObject({
      status: 'in_use',
      calibrationState: 'overdue',
      maintenanceState: 'due_soon',
    });
    const id = created.json().id;
    const broken = await call('POST', `/api/labs/equipment/${id}/events`, net.qm1.headers, {
      kind: 'breakdown',
      happenedOn: today,
      note: 'Aspiration error, no results',
    });
    expect(broken.json()).toMatchObject({ status: 'out_of_service' });
    const nc = (await call('GET', `/api/labs/ncs/${broken.json().openNcId}`, net.qm1.headers)).json();
    expect(nc).toMatchObject({ source: 'equipment' });
    expect(nc.links[0]).toMatchObject({ entityType: 'equipment', entityId: id });
    const calibrated = await call('POST', `/api/labs/equipment/${id}/events`, net.qm1.headers, {
      kind: 'calibration',
      happenedOn: today,
      note: 'Calibrated by vendor',
    });
    expect(calibrated.json()).toMatchObject({
      calibrationState: 'ok',
      nextCalibrationOn: addDays(today, 365),
    });
    expect(
      (
        await call('POST', `/api/labs/equipment/${id}/events`, net.qm1.headers, {
          kind: 'repair',
          happenedOn: today,
          note: 'Probe replaced',
        })
      ).json().status,
    ).toBe('in_use');
    expect((await call('GET', '/api/labs/equipment', net.auditor2.headers)).json().items).toEqual([]);
    // The instrument's log, newest first, the breakdown with its NC; another lab's staff get 404.
    const log = await call('GET', `/api/labs/equipment/${id}/events`, net.qm1.headers);
    expect(
      log
        .json()
        .items.map((e: { kind: string }) => e.kind)
        .sort(),
    ).toEqual(['breakdown', 'calibration', 'repair']);
    expect(log.json().items.find((e: { kind: string }) => e.kind === 'breakdown')).toMatchObject({
      note: 'Aspiration error, no results',
      ncId: broken.json().openNcId,
    });
    expect((await call('GET', `/api/labs/equipment/${id}/events`, net.auditor2.headers)).statusCode).toBe(
      404,
    );
  });

  it('edits an instrument within its own lab and audits the change', async () => {
    const created = await call('POST', '/api/labs/equipment', net.qm1.headers, {
      labCode: 'LAB-01',
      assetCode: 'EQ-CHEM-07',
      name: 'Chemistry analyser',
      category: 'Analyser',
      lastMaintenanceOn: addDays(today, -10),
    });
    const id = created.json().id;
    const changes = {
      name: 'Chemistry analyser (bench 2)',
      category: 'Analyser',
      manufacturer: 'Acme',
      model: 'C-300',
      serialNumber: 'SN-77',
      maintenanceIntervalDays: 30,
      calibrationIntervalDays: null,
    };
    const edited = await call('POST', `/api/labs/equipment/${id}`, net.qm1.headers, changes);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Chemistry analyser (bench 2)',
      manufacturer: 'Acme',
      maintenanceIntervalDays: 30,
      nextMaintenanceOn: addDays(today, 20),
      maintenanceState: 'due_soon',
      calibrationState: 'none',
    });
    const again = await call('POST', '/api/labs/equipment', net.qm1.headers, {
      labCode: 'LAB-01',
      assetCode: 'EQ-CHEM-07',
      name: 'Another analyser',
      category: 'Analyser',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].path).toEqual(['assetCode']);
    const invalid = await call('POST', `/api/labs/equipment/${id}`, net.qm1.headers, {
      ...changes,
      name: 'x',
    });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json().details)).toContain('name');
    expect((await call('POST', `/api/labs/equipment/${id}`, net.auditor2.headers, changes)).statusCode).toBe(
      404,
    );
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    expect(trail.map((r) => r.action)).toContain('labs.equipment.update');
  });

  it('keeps a master list with versions, review due dates and read-and-sign', async () => {
    const doc = await call('POST', '/api/labs/documents', net.qm1.headers, {
      labCode: 'LAB-01',
      docCode: 'SOP-HAEM-001',
      title: 'Full blood count on the haematology analyser',
      kind: 'sop',
      reviewIntervalMonths: 24,
      firstVersion: {
        versionLabel: '1.0',
        authorName: 'Sok Dara',
        reviewerName: 'Chan Sophea',
        approverName: 'Dr Keo Vanna',
        effectiveOn: addDays(today, -740),
        changeSummary: 'First issue',
      },
    });
    expect(doc.statusCode, doc.body).toBe(201);
    expect(doc.json()).toMatchObject({ reviewState: 'overdue' });
    const v2 = await call('POST', `/api/labs/documents/${doc.json().id}/versions`, net.qm1.headers, {
      versionLabel: '2.0',
      authorName: 'Sok Dara',
      reviewerName: 'Chan Sophea',
      approverName: 'Dr Keo Vanna',
      effectiveOn: today,
      changeSummary: 'Reviewed; new QC rules',
    });
    expect(v2.json()).toMatchObject({
      reviewState: 'ok',
      currentVersion: { versionLabel: '2.0', acknowledgements: 0 },
      archivedVersions: [{ versionLabel: '1.0' }],
    });
    await call('POST', `/api/labs/documents/${doc.json().id}/acknowledge`, net.auditor1.headers);
    const signed = await call(
      'POST',
      `/api/labs/documents/${doc.json().id}/acknowledge`,
      net.auditor1.headers,
    );
    expect(signed.json().currentVersion).toMatchObject({ acknowledgements: 1, hasAcknowledged: true });
    expect(
      (await call('POST', `/api/labs/documents/${doc.json().id}/acknowledge`, net.auditor2.headers))
        .statusCode,
    ).toBe(404);
  });

  it('records training and competence before authorising', async () => {
    const staff = (
      await call('POST', '/api/labs/staff', net.qm1.headers, {
        labCode: 'LAB-01',
        fullName: 'Chan Sophea',
        position: 'Laboratory technician',
      })
    ).json();
    const add = (record: object) =>
      call('POST', `/api/labs/staff/${staff.id}/records`, net.qm1.headers, record);
    expect(
      (
        await add({
          kind: 'authorisation',
          subject: 'Haematology analyser',
          happenedOn: today,
          byName: 'Dr Keo Vanna',
        })
      ).statusCode,
    ).toBe(409);
    await add({ kind: 'training', subject: 'Haematology analyser', happenedOn: today, byName: 'Vendor' });
    await add({
      kind: 'competence',
      subject: 'Haematology analyser',
      happenedOn: today,
      outcome: 'competent',
      byName: 'Sok Dara',
    });
    const authorised = await add({
      kind: 'authorisation',
      subject: 'Haematology analyser',
      happenedOn: today,
      byName: 'Dr Keo Vanna',
      validUntil: addDays(today, 365),
    });
    expect(
      authorised
        .json()
        .records.map((r: { kind: string }) => r.kind)
        .sort(),
    ).toEqual(['authorisation', 'competence', 'training']);
  });

  it('shows the Bureau the network dashboard and exports it; reports the audit as PDF in Khmer and English', async () => {
    const audit = (
      await call('POST', '/api/labs/audits', net.auditor3.headers, {
        labCode: 'LAB-02',
        checklistVersionId: net.versionId,
        kind: 'peer',
        auditDate: today,
      })
    ).json();
    const changes = (await allLeafChanges(t.database, net.versionId)).map((c) =>
      c.itemId === '8.9' ? { ...c, answer: 'no' as const, comment: 'QC not run' } : c,
    );
    await call('POST', `/api/labs/audits/${audit.id}/answers/sync`, net.auditor3.headers, { changes });
    await call('POST', `/api/labs/audits/${audit.id}/submit`, net.auditor3.headers, {});
    await call('POST', `/api/labs/audits/${audit.id}/approve`, net.bureau.headers, {});
    await call('POST', `/api/labs/audits/${audit.id}/publish`, net.bureau.headers, {});
    const dashboard = (await call('GET', '/api/labs/dashboard', net.bureau.headers)).json();
    expect(dashboard.labs.map((l: { code: string }) => l.code)).toEqual(['LAB-01', 'LAB-02', 'LAB-03']);
    const lab2 = dashboard.labs.find((l: { code: string }) => l.code === 'LAB-02');
    expect(lab2).toMatchObject({ latestStars: 5, starsOverTime: [{ stars: 5 }] });
    expect(lab2.sectionPercents.find((s: { number: number }) => s.number === 8).percent).toBeLessThan(100);
    expect(dashboard.sections[0].titleKm).toBe('ឯកសារ និងកំណត់ត្រា');
    const own = (await call('GET', '/api/labs/dashboard', net.qm1.headers)).json();
    expect(own.labs.map((l: { code: string }) => l.code)).toEqual(['LAB-01']);
    const xlsx = await call('GET', '/api/labs/dashboard.xlsx', net.bureau.headers);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    for (const lang of ['km', 'en']) {
      const pdf = await call('GET', `/api/labs/audits/${audit.id}/report.pdf?lang=${lang}`, net.qm1.headers);
      expect(pdf.statusCode).toBe(404); // LAB-01 does not see LAB-02's audit
      const ok = await call(
        'GET',
        `/api/labs/audits/${audit.id}/report.pdf?lang=${lang}`,
        net.bureau.headers,
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      if (process.env.MLOB_KEEP_REPORTS)
        (await import('node:fs')).writeFileSync(
          `${process.env.MLOB_KEEP_REPORTS}/audit-${lang}.pdf`,
          ok.rawPayload,
        );
    }
    expect(randomUUID()).toBeTruthy();
  });
});
