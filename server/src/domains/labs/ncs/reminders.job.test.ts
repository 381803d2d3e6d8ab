import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../testing/test-app';
import { ENGINES } from '../../../testing/test-database';
import { todayInCambodia } from '../../geography';
import { setUpNetwork } from '../labs-test-kit';
import { actionRemindersJob } from './reminders.job';

const shift = (days: number) =>
  new Date(Date.parse(`${todayInCambodia()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('action reminders job on %s', (engine) => {
  it('raises due-soon and overdue reminders once each, in Khmer and English', async () => {
    const t = await createTestApp(engine);
    try {
      const net = await setUpNetwork(t);
      const headers = net.qm1.headers;
      const nc = (
        await t.app.inject({
          method: 'POST',
          url: '/api/labs/ncs',
          headers,
          payload: {
            labCode: 'LAB-01',
            source: 'incident',
            title: 'Needle-stick injury',
            description: 'Technician injured recapping a needle',
          },
        })
      ).json();
      await t.app.inject({
        method: 'POST',
        url: `/api/labs/ncs/${nc.id}/root-cause`,
        headers,
        payload: { method: 'five_whys', whys: ['Recapping'], summary: 'Recapping still practised' },
      });
      for (const [description, dueOn] of [
        ['Sharps bins at every bench', shift(2)],
        ['Refresher training', shift(-3)],
        ['Later', shift(30)],
      ] as const)
        await t.app.inject({
          method: 'POST',
          url: `/api/labs/ncs/${nc.id}/actions`,
          headers,
          payload: { kind: 'corrective', description, ownerName: 'Chea Sokha', dueOn },
        });
      const ctx = {
        jobId: 'test',
        params: { daysBefore: 7 },
        checkpoint: null,
        database: t.database,
        actor: { kind: 'system', id: 'system', name: 'system', role: 'admin', scope: { kind: 'national' } },
        saveProgress: async () => undefined,
        signal: new AbortController().signal,
      } as unknown as Parameters<typeof actionRemindersJob.run>[0];
      expect(await actionRemindersJob.run(ctx)).toEqual({ dueSoon: 1, overdue: 1 });
      expect(await actionRemindersJob.run(ctx)).toEqual({ dueSoon: 0, overdue: 0 });
      const reminders = await t.database.db
        .selectFrom('lab_nc_reminder')
        .selectAll()
        .orderBy('kind')
        .execute();
      expect(reminders.map((r) => r.kind)).toEqual(['due_soon', 'overdue']);
      expect(reminders[1]!.message_en).toMatch(/is overdue since/);
      expect(reminders[1]!.message_km).toMatch(/ហួសកាលកំណត់/);
      const listed = await t.app.inject({ method: 'GET', url: '/api/labs/reminders', headers });
      expect(
        listed
          .json()
          .items.map((r: { kind: string }) => r.kind)
          .sort(),
      ).toEqual(['due_soon', 'overdue']);
      const other = await t.app.inject({
        method: 'GET',
        url: '/api/labs/reminders',
        headers: net.auditor3.headers,
      });
      expect(other.json().items).toEqual([]);
      const started = await t.app.inject({
        method: 'POST',
        url: '/api/labs/reminders/run',
        headers,
        payload: {},
      });
      expect(started.statusCode).toBe(202);
      expect(started.json().kind).toBe('labs.action-reminders');
    } finally {
      await t.close();
    }
  });
});
