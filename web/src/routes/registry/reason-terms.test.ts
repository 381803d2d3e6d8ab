import {
  APPROVAL_LEVEL_NAMES,
  CHANGE_KINDS,
  HOUSEHOLD_STATUSES,
  MEMBER_STATUSES,
  REGISTRY_REFUSALS,
  sentenceArgNames,
  ZChangeRequest,
  ZDuplicateCandidate,
} from '@mlob/contracts';
import { describe, expect, it } from 'vitest';
import type { Messages } from '../../i18n';
import en from './messages/en.json';
import km from './messages/km.json';
import { REGISTRY_REASON_TERMS } from './reason-terms';

/** The messages under a dotted key ('duplicates.status'). */
function wordsAt(messages: Messages, key: string): Messages {
  let at: Messages | string | undefined = messages;
  for (const part of key.split('.')) at = typeof at === 'object' ? at[part] : undefined;
  if (typeof at !== 'object') throw new Error(`no messages at ${key}`);
  return at;
}

describe('registry refusal terms', () => {
  it('gives a word for every stored code a refusal may carry', () => {
    // Every argument that holds a status, a change kind or a level has its words…
    const termed = Object.entries(REGISTRY_REFUSALS).flatMap(([code, sentence]) =>
      sentenceArgNames(sentence.en)
        .filter((name) => ['status', 'kind', 'level'].includes(name))
        .map((name) => `${code}.${name}`),
    );
    const mapped = Object.entries(REGISTRY_REASON_TERMS).flatMap(([code, args]) =>
      Object.keys(args).map((name) => `${code}.${name}`),
    );
    expect(mapped.sort()).toEqual(termed.sort());
    // …and those words cover every value the server stores, in both languages.
    const values: Record<string, readonly string[]> = {
      memberStatus: MEMBER_STATUSES,
      householdStatus: HOUSEHOLD_STATUSES,
      kinds: CHANGE_KINDS,
      levels: APPROVAL_LEVEL_NAMES,
      requestStatus: ZChangeRequest.shape.status.options,
      'duplicates.status': ZDuplicateCandidate.shape.status.options,
    };
    for (const words of new Set(Object.values(REGISTRY_REASON_TERMS).flatMap((a) => Object.values(a)))) {
      for (const messages of [en, km])
        expect(Object.keys(wordsAt(messages, words)), words).toEqual(
          expect.arrayContaining([...(values[words] ?? ['?'])]),
        );
    }
  });
});
