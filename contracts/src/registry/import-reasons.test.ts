import { describe, expect, it } from 'vitest';
import {
  IMPORT_REASONS,
  importIssueReason,
  importReasonArgNames,
  importReasonText,
  isImportReasonCode,
} from './import-reasons';

const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('import reasons', () => {
  it.each(Object.entries(IMPORT_REASONS))('%s says the same in Khmer, in Khmer script', (_code, reason) => {
    expect(names(reason.km)).toEqual(names(reason.en));
    expect(reason.km).toMatch(/[\u1780-\u17FF]/);
  });

  it('fills arguments in, and leaves a missing one visible', () => {
    expect(importReasonText('duplicate_in_file', { column: 'member_ref', row: 7 })).toBe(
      'duplicate member_ref in the file (also row 7)',
    );
    expect(importReasonText('duplicate_in_file', { column: 'member_ref', row: 7 }, 'km')).toBe(
      'member_ref ស្ទួនក្នុងឯកសារ (មាននៅជួរទី 7 ដែរ)',
    );
    expect(importReasonText('two_heads', { household: 'H1' })).toBe(
      'two heads: household H1 has {count} members with relation_to_head = head',
    );
    expect(importReasonArgNames('wrong_column_count')).toEqual(['expected', 'found', 'line']);
  });

  it('knows its own codes only', () => {
    expect(isImportReasonCode('required')).toBe(true);
    expect(isImportReasonCode('toString')).toBe(false);
    expect(isImportReasonCode('nope')).toBe(false);
  });

  it("reads a stored problem's reason by its code, or keeps the sentence it was stored with", () => {
    const stored = { reason: 'unknown village code', reasonArgs: {} };
    expect(importIssueReason({ ...stored, reasonCode: 'unknown_village' }, 'km')).toBe('មិនស្គាល់លេខកូដភូមិនេះ');
    expect(importIssueReason({ ...stored, reasonCode: null }, 'km')).toBe('unknown village code');
    expect(importIssueReason({ ...stored, reasonCode: 'retired_rule' }, 'km')).toBe('unknown village code');
  });
});
