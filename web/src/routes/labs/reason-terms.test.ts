import { AUDIT_ANSWERS, AUDIT_STATUSES, LABS_REFUSALS, NC_STAGES, sentenceArgNames } from '@mlob/contracts';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { withReasons } from '../../i18n';
import en from './messages/en.json';
import km from './messages/km.json';
import { LABS_REASON_TERMS } from './reason-terms';

/** The steps an audit moves by (the server's AuditStep), each a button of the workflow. */
const AUDIT_STEPS = ['submit', 'approve', 'publish', 'reopen'];

describe('labs refusal terms', () => {
  it('gives a word for every stored code a refusal may carry', () => {
    // Every argument that holds a status, a step, a stage or an answer has its words…
    const termed = Object.entries(LABS_REFUSALS).flatMap(([code, sentence]) =>
      sentenceArgNames(sentence.en)
        .filter((name) => /status|step|stage|answer/.test(name))
        .map((name) => `${code}.${name}`),
    );
    const mapped = Object.entries(LABS_REASON_TERMS).flatMap(([code, args]) =>
      Object.keys(args).map((name) => `${code}.${name}`),
    );
    expect(mapped.sort()).toEqual(termed.sort());
    // …and those words cover every value the server stores, in both languages.
    for (const messages of [en, km]) {
      expect(Object.keys(messages.statuses)).toEqual(expect.arrayContaining([...AUDIT_STATUSES]));
      expect(Object.keys(messages.workflow)).toEqual(expect.arrayContaining(AUDIT_STEPS));
      expect(Object.keys(messages.stages)).toEqual(expect.arrayContaining([...NC_STAGES]));
      expect(Object.keys(messages.answers)).toEqual(expect.arrayContaining([...AUDIT_ANSWERS]));
    }
  });

  it('says a refusal in Khmer with the words for its codes', async () => {
    const messages = withReasons({ en, km }, 'labs', LABS_REASON_TERMS);
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'km',
      resources: { en: { labs: messages.en }, km: { labs: messages.km } },
      interpolation: { escapeValue: false },
    });
    const say = (code: string, params: Record<string, string>) => i18n.t(`labs:reasons.${code}`, params);
    expect(say('audit_step_not_possible', { status: 'submitted', step: 'publish' })).toBe(
      `សវនកម្មស្ថិតក្នុងស្ថានភាព ${km.statuses.submitted}៖ មិនអាច "${km.workflow.publish}" បាននៅពេលនេះទេ។`,
    );
    expect(say('nc_not_at_verification', { number: 'NC-2026-0001', stage: 'action' })).toContain(
      `NC-2026-0001 ស្ថិតនៅដំណាក់កាល "${km.stages.action}"`,
    );
    expect(say('item_not_finding', { item: '1.1', answer: 'yes' })).toContain(`(ចម្លើយ៖ ${km.answers.yes})`);
  });
});
