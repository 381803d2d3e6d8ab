import { currentLanguage, INTL_LOCALE } from './index';

const KHMER_MONTHS = [
  'មករា',
  'កុម្ភៈ',
  'មីនា',
  'មេសា',
  'ឧសភា',
  'មិថុនា',
  'កក្កដា',
  'សីហា',
  'កញ្ញា',
  'តុលា',
  'វិច្ឆិកា',
  'ធ្នូ',
];

const pad = (n: number) => String(n).padStart(2, '0');

// Browsers' ICU data often lacks Khmer month names (Chromium prints "Nov"), so Khmer dates are
// composed here: "21 វិច្ឆិកា 2026".
function khmerDay(date: Date, isUtc: boolean): string {
  const day = isUtc ? date.getUTCDate() : date.getDate();
  const month = isUtc ? date.getUTCMonth() : date.getMonth();
  const year = isUtc ? date.getUTCFullYear() : date.getFullYear();
  return `${day} ${KHMER_MONTHS[month]} ${year}`;
}

/** A calendar day (YYYY-MM-DD, no time zone) in the reader's language. */
export function formatDay(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  if (currentLanguage() === 'km') return khmerDay(date, true);
  return date.toLocaleDateString(INTL_LOCALE.en, { dateStyle: 'long', timeZone: 'UTC' });
}

/** A moment (ISO timestamp) in local time, in the reader's language. */
export function formatDateTime(iso: string | Date | null): string {
  if (!iso) return '—';
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  if (currentLanguage() === 'km') {
    return `${khmerDay(date, false)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }
  return date.toLocaleString(INTL_LOCALE.en, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A number with digit grouping in the reader's language. */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return value.toLocaleString(INTL_LOCALE[currentLanguage()], { maximumFractionDigits });
}
