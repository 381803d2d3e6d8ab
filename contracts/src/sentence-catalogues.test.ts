import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { sentenceArgNames } from './platform/sentences';
import {
  ZAsOfQuery,
  ZCreateApprovalRule,
  ZDate,
  ZImportUpload,
  ZKhmerName,
  ZLatinName,
  ZNewMember,
  ZPartialDate,
  ZPhone,
  ZRef,
} from './registry/index';
import { SENTENCE_CATALOGUES, sentenceCodeOf } from './sentence-catalogues';

/** The message of the first issue a schema reports for a value. */
function messageOf(schema: z.ZodType, value: unknown): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

const names = (text: string) => sentenceArgNames(text).sort();

describe.each(Object.entries(SENTENCE_CATALOGUES))('the %s catalogue', (_domain, catalogue) => {
  it.each(Object.entries(catalogue))('%s says the same in Khmer, in Khmer script', (_code, sentence) => {
    // A label the server passes in both languages (label_en, label_km) is the one twin that differs.
    const twin = (name: string | undefined) => name?.replace(/_km$/, '_en');
    expect(names(sentence.km).map(twin).sort()).toEqual(names(sentence.en));
    expect(sentence.km).toMatch(/[\u1780-\u17FF]/);
  });
});

describe('sentence catalogues', () => {
  it("tells each registry schema's own check by its message", () => {
    const checks: [z.ZodType, unknown, string][] = [
      [ZKhmerName, 'Dara', 'registry.khmer_script'],
      [ZLatinName, 'ដារា', 'registry.latin_letters'],
      [ZPartialDate, 'last year', 'registry.partial_date_format'],
      [ZDate, '2026/01/01', 'registry.date_format'],
      [ZRef, 'a b', 'registry.reference_format'],
      [ZPhone, '12345', 'registry.cambodian_phone'],
      [ZNewMember.shape.nationalId, '12', 'registry.national_id_digits'],
      [ZAsOfQuery.shape.asOf, 'yesterday', 'registry.date_or_timestamp_format'],
      [ZCreateApprovalRule.shape.levels, ['province', 'commune'], 'registry.levels_upwards'],
      [ZImportUpload, { householdsCsv: 'x' }, 'registry.upload_files'],
    ];
    for (const [schema, value, code] of checks) {
      const message = messageOf(schema, value);
      expect(message, code).toBeDefined();
      expect(sentenceCodeOf(message as string)).toBe(code);
    }
  });

  it('leaves other messages alone, and sentences that need their arguments', () => {
    expect(sentenceCodeOf('Too small: expected string to have >=1 characters')).toBeUndefined();
    expect(sentenceCodeOf('A household must have exactly one head.')).toBe('registry.one_head');
    // Filled in, a sentence with arguments is no longer its template: never told by its text.
    expect(sentenceCodeOf('Member {ref} is {status}.')).toBeUndefined();
    expect(sentenceCodeOf('Member M-1 is deceased.')).toBeUndefined();
  });
});
