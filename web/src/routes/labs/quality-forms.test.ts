import { describe, expect, it } from 'vitest';
import { bodyOf, type FieldSpec } from './quality-forms';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe('bodyOf', () => {
  it('nests dotted names, converts numbers and trims text', () => {
    const fields: FieldSpec[] = [
      { name: 'docCode' },
      { name: 'reviewIntervalMonths', kind: 'number' },
      { name: 'firstVersion.versionLabel' },
      { name: 'firstVersion.authorName' },
    ].map((f) => ({ label: f.name, ...f }) as FieldSpec);
    expect(
      bodyOf(
        fields,
        form({
          docCode: ' SOP-1 ',
          reviewIntervalMonths: '12',
          'firstVersion.versionLabel': '1.0',
          'firstVersion.authorName': 'Chan Sophea',
        }),
      ),
    ).toEqual({
      docCode: 'SOP-1',
      reviewIntervalMonths: 12,
      firstVersion: { versionLabel: '1.0', authorName: 'Chan Sophea' },
    });
  });

  it('leaves out an empty optional field, or sends null when the edit may clear it', () => {
    const fields: FieldSpec[] = [
      { name: 'model', label: 'Model' },
      { name: 'serialNumber', label: 'Serial', isNullable: true },
      { name: 'calibrationIntervalDays', label: 'Calibration', kind: 'number', isNullable: true },
    ];
    expect(bodyOf(fields, form({ model: '', serialNumber: ' ', calibrationIntervalDays: '' }))).toEqual({
      serialNumber: null,
      calibrationIntervalDays: null,
    });
  });
});
