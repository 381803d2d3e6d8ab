import { randomInt } from 'node:crypto';

/**
 * Equity Card numbers (see docs/assessment.md):
 *
 *   PP-SSSSSSSSS-CC     e.g. 02-418305527-43
 *
 * PP: province code of the household's village (2 digits); SSSSSSSSS: a random serial
 * (9 digits, random so that numbers cannot be walked one by one); CC: two check digits by
 * ISO/IEC 7064 MOD 97-10 over the 11 digits before them — the scheme IBANs use. It catches
 * every single-digit error and every swap of two adjacent digits. The canonical form is the
 * 13 digits without hyphens; input may have hyphens or spaces.
 */

const CANONICAL = /^[0-9]{13}$/;

/** Remainder of a long digit string mod 97, digit by digit (no big integers needed). */
function mod97(digits: string): number {
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest;
}

/** The two ISO 7064 MOD 97-10 check digits for a digit string. */
export function mod97CheckDigits(digits: string): string {
  if (!/^[0-9]+$/.test(digits)) throw new Error('check digits are computed over digits only');
  return String(98 - mod97(`${digits}00`)).padStart(2, '0');
}

/** Strips hyphens and spaces; null when what is left is not 13 digits. */
export function canonicalCardNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return CANONICAL.test(digits) ? digits : null;
}

/** True when the number has the right shape and its check digits hold. */
export function isValidCardNumber(input: string): boolean {
  const digits = canonicalCardNumber(input);
  return digits !== null && mod97(digits) === 1;
}

/** 13 digits as PP-SSSSSSSSS-CC. */
export function formatCardNumber(canonical: string): string {
  return `${canonical.slice(0, 2)}-${canonical.slice(2, 11)}-${canonical.slice(11)}`;
}

/** A new card number for a household in `provinceCode`; the caller retries on a clash. */
export function newCardNumber(provinceCode: string, serial = randomInt(0, 1_000_000_000)): string {
  if (!/^[0-9]{2}$/.test(provinceCode)) throw new Error(`bad province code ${provinceCode}`);
  const body = `${provinceCode}${String(serial).padStart(9, '0')}`;
  return `${body}${mod97CheckDigits(body)}`;
}

/** What the card's QR code holds: a prefix naming the scheme and version, and the number. */
export const QR_PREFIX = 'MLOB-EC1:';

export function qrPayloadFor(canonical: string): string {
  return `${QR_PREFIX}${canonical}`;
}

/** Reads a card number from what was typed or scanned: a QR payload or the number itself. */
export function cardNumberFromInput(input: string): string | null {
  const trimmed = input.trim();
  const raw = trimmed.startsWith(QR_PREFIX) ? trimmed.slice(QR_PREFIX.length) : trimmed;
  return canonicalCardNumber(raw);
}
