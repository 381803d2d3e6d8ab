import { describe, expect, it } from 'vitest';
import { registryRefusalText } from './refusals';

// Every catalogue's sentences are checked in both languages by sentence-catalogues.test.ts.
describe('registry refusals', () => {
  it('fills arguments in, in either language', () => {
    expect(registryRefusalText('member_not_active', { ref: 'M-1', status: 'deceased' })).toBe(
      'Member M-1 is deceased.',
    );
    expect(registryRefusalText('member_not_active', { ref: 'M-1', status: 'deceased' }, 'km')).toBe(
      'សមាជិក M-1 លែងសកម្មហើយ (deceased)។',
    );
    expect(
      registryRefusalText(
        'bad_identifier',
        { label_en: 'Equity card', label_km: 'បណ្ណសមធម៌', example: 'EC-1' },
        'km',
      ),
    ).toBe('បណ្ណសមធម៌ មិនត្រឹមត្រូវ (ឧទាហរណ៍៖ EC-1)។');
  });
});
