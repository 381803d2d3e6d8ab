import {
  ASSESSMENT_REFUSALS,
  CARD_STATUSES,
  LIST_STATUSES,
  SETTINGS,
  sentenceArgNames,
  ZAssessmentRequest,
  ZObjection,
} from '@mlob/contracts';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import km from './messages/km.json';
import { ASSESSMENT_REASON_TERMS } from './reason-terms';

describe('assessment refusal terms', () => {
  it('gives a word for every stored code a refusal may carry', () => {
    // Every argument that holds a status or a setting has its words…
    const termed = Object.entries(ASSESSMENT_REFUSALS).flatMap(([code, sentence]) =>
      sentenceArgNames(sentence.en)
        .filter((name) => /status|setting|needed/.test(name))
        .map((name) => `${code}.${name}`),
    );
    const mapped = Object.entries(ASSESSMENT_REASON_TERMS).flatMap(([code, args]) =>
      Object.keys(args).map((name) => `${code}.${name}`),
    );
    expect(mapped.sort()).toEqual(termed.sort());
    // …and those words cover every value the server stores, in both languages.
    const statuses = [
      ...LIST_STATUSES,
      ...CARD_STATUSES,
      ...ZObjection.shape.status.options,
      ...ZAssessmentRequest.shape.status.options,
    ];
    for (const messages of [en, km]) {
      expect(Object.keys(messages.statuses)).toEqual(expect.arrayContaining(statuses));
      expect(Object.keys(messages.settings)).toEqual(expect.arrayContaining([...SETTINGS]));
    }
  });
});
