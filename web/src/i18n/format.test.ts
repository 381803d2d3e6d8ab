import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatDay } from './format';

describe('formatting', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', resources: {} });
  });
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  it('formats a calendar day without shifting it across time zones', async () => {
    await i18next.changeLanguage('en');
    expect(formatDay('2019-01-01')).toBe('1 January 2019');
    await i18next.changeLanguage('km');
    expect(formatDay('2019-01-01')).toBe('1 មករា 2019');
    expect(formatDay('2026-11-21')).toBe('21 វិច្ឆិកា 2026');
  });

  it('formats a moment in Khmer with Khmer month names', async () => {
    await i18next.changeLanguage('km');
    expect(formatDateTime(new Date(2026, 10, 21, 17, 5, 9))).toBe('21 វិច្ឆិកា 2026 17:05:09');
    expect(formatDateTime(null)).toBe('—');
  });
});
