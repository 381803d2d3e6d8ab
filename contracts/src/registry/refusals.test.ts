import { describe, expect, it } from 'vitest';
import { sentenceArgNames } from '../platform/sentences';
import { REGISTRY_REFUSALS, registryRefusalText } from './refusals';

const names = (text: string) => sentenceArgNames(text).sort();

describe('registry refusals', () => {
  it.each(Object.entries(REGISTRY_REFUSALS))(
    '%s says the same in Khmer, in Khmer script',
    (_code, refusal) => {
      // A label the server passes in both languages (label_en, label_km) is the one twin that differs.
      const twin = (name: string | undefined) => name?.replace(/_km$/, '_en');
      expect(names(refusal.km).map(twin).sort()).toEqual(names(refusal.en));
      expect(refusal.km).toMatch(/[\u1780-\u17FF]/);
    },
  );

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
