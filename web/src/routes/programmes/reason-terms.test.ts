import { PROGRAMME_REFUSALS, sentenceArgNames, ZCycle, ZEnrolmentState, ZVersion } from '@mlob/contracts';
import { describe, expect, it } from 'vitest';
import registryEn from '../registry/messages/en.json';
import en from './messages/en.json';
import km from './messages/km.json';
import { PROGRAMME_REASON_TERMS } from './reason-terms';

describe('programme refusal terms', () => {
  it('gives a word for every stored code a refusal may carry', () => {
    const termed = Object.entries(PROGRAMME_REFUSALS).flatMap(([code, sentence]) =>
      sentenceArgNames(sentence.en)
        .filter((name) => /status|action|from/.test(name) && !/version_dates/.test(code))
        .map((name) => `${code}.${name}`),
    );
    const mapped = Object.entries(PROGRAMME_REASON_TERMS).flatMap(([code, args]) =>
      Object.keys(args).map((name) => `${code}.${name}`),
    );
    expect(mapped.sort()).toEqual(termed.sort());
    for (const messages of [en, km]) {
      expect(Object.keys(messages.actions)).toEqual(['include', 'exclude', 'pause', 'resume', 'exit']);
      expect(Object.keys(messages.states)).toEqual(expect.arrayContaining(ZEnrolmentState.options));
      expect(Object.keys(messages.statuses)).toEqual(expect.arrayContaining(ZVersion.shape.status.options));
      expect(Object.keys(messages.cycleStatus)).toEqual(expect.arrayContaining(ZCycle.shape.status.options));
    }
    // A household's status is said with the registry's words.
    expect(registryEn.householdStatus).toHaveProperty('dissolved');
  });
});
