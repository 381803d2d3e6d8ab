import type { Job } from '@mlob/contracts';
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import commonEn from '../../i18n/en.json';
import commonKm from '../../i18n/km.json';
import { JobCard } from './job-card';
import jobsEn from './messages/en.json';
import jobsKm from './messages/km.json';

const running: Job = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'audit.verify',
  status: 'running',
  done: 4200,
  total: 10000,
  rate: 120.5,
  etaSeconds: 65,
  attempts: 1,
  result: null,
  error: null,
  createdAt: '2026-11-21T10:00:00.000Z',
  startedAt: '2026-11-21T10:00:01.000Z',
  finishedAt: null,
};

function render(job: Job): string {
  return renderToStaticMarkup(
    createElement(JobCard, { job, onCancel: () => undefined, isCancelling: false }),
  );
}

describe('JobCard', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({
      lng: 'en',
      resources: { en: { common: commonEn, jobs: jobsEn }, km: { common: commonKm, jobs: jobsKm } },
      defaultNS: 'common',
      fallbackNS: 'common',
      interpolation: { escapeValue: false },
    });
  });

  it('shows a running job’s progress, rate and ETA, and offers to cancel it', async () => {
    await i18next.changeLanguage('en');
    const html = render(running);
    expect(html).toContain('Audit trail verification');
    expect(html).toContain('aria-valuenow="42"');
    expect(html).toContain('4,200 of 10,000 · 42% · 120.5 per second · about 1 min 5 s left');
    expect(html).toContain('>Cancel<');
  });

  it('says in Khmer how a finished verification went, without a cancel button', async () => {
    await i18next.changeLanguage('km');
    const html = render({
      ...running,
      status: 'succeeded',
      done: 10000,
      rate: null,
      etaSeconds: null,
      result: { checked: 10000, isIntact: true, problems: [] },
      finishedAt: '2026-11-21T10:01:30.000Z',
    });
    expect(html).toContain('ការផ្ទៀងផ្ទាត់កំណត់ត្រាសវនកម្ម');
    expect(html).toContain('បានជោគជ័យ');
    expect(html).toContain('កំណត់ត្រាសវនកម្មនៅដដែល');
    expect(html).toContain('aria-valuenow="100"');
    expect(html).not.toContain('បោះបង់');
  });

  it('names the broken records of a failed chain', async () => {
    await i18next.changeLanguage('en');
    const html = render({
      ...running,
      status: 'succeeded',
      result: { checked: 10, isIntact: false, problems: [{ seq: 7, problem: 'hash mismatch' }] },
    });
    expect(html).toContain('#7 hash mismatch');
  });
});
