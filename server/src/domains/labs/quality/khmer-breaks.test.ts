import { describe, expect, it } from 'vitest';
import { withKhmerBreaks } from './khmer-breaks';

describe('withKhmerBreaks', () => {
  it('puts a break opportunity between Khmer words, never inside one', () => {
    expect(withKhmerBreaks('ការវាយតម្លៃគុណភាពពីខាងក្រៅសម្រាប់មន្ទីរពិសោធន៍').split('\u200B')).toEqual([
      'ការវាយតម្លៃ',
      'គុណភាព',
      'ពី',
      'ខាងក្រៅ',
      'សម្រាប់',
      'មន្ទីរពិសោធន៍',
    ]);
  });

  it('leaves spaces, Latin text and numbers as they are', () => {
    expect(withKhmerBreaks('Section 3: 22 / 23 (95.65%)')).toBe('Section 3: 22 / 23 (95.65%)');
    expect(withKhmerBreaks('ផ្នែក 3 SOP-HAEM-001')).toBe('ផ្នែក 3 SOP-HAEM-001');
    const text = 'គុណភាព ពីខាងក្រៅ';
    expect(withKhmerBreaks(text).replaceAll('\u200B', '')).toBe(text);
  });
});
