import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalCardNumber,
  cardNumberFromInput,
  formatCardNumber,
  isValidCardNumber,
  mod97CheckDigits,
  newCardNumber,
  qrPayloadFor,
} from './card-number';

describe('Equity Card numbers (ISO 7064 MOD 97-10)', () => {
  it('computes the check digits IBANs use', () => {
    // ISO 7064 MOD 97-10 worked example: 794 → check digits 44 (79444 mod 97 = 1).
    expect(mod97CheckDigits('794')).toBe('44');
    expect(Number('79444') % 97).toBe(1);
  });

  it('formats and reads back a number', () => {
    const n = newCardNumber('02', 418305527);
    expect(n).toHaveLength(13);
    expect(formatCardNumber(n)).toMatch(/^02-418305527-\d{2}$/);
    expect(canonicalCardNumber(formatCardNumber(n))).toBe(n);
    expect(isValidCardNumber(formatCardNumber(n))).toBe(true);
    expect(cardNumberFromInput(qrPayloadFor(n))).toBe(n);
    expect(cardNumberFromInput(` ${formatCardNumber(n)} `)).toBe(n);
  });

  it('rejects wrong shapes', () => {
    expect(isValidCardNumber('02-12')).toBe(false);
    expect(isValidCardNumber('ab-cdefghijk-lm')).toBe(false);
    expect(() => newCardNumber('2')).toThrow();
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (serial, pos, delta) => {
          const n = newCardNumber('12', serial);
          const wrong = n.slice(0, pos) + String((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
          return !isValidCardNumber(wrong);
        },
      ),
    );
  });

  it('catches every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.nat(11), (serial, pos) => {
        const n = newCardNumber('17', serial);
        if (n[pos] === n[pos + 1]) return true;
        const swapped = n.slice(0, pos) + n[pos + 1] + n[pos] + n.slice(pos + 2);
        return !isValidCardNumber(swapped);
      }),
    );
  });
});
