import { SENTENCE_CATALOGUES, type Sentences } from '@mlob/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import km from './km.json';

export const LANGUAGES = ['km', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'mlob.language';

/** Each language's own BCP-47 tag for Intl formatting (dates, numbers). */
export const INTL_LOCALE: Record<Language, string> = { km: 'km-KH', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return value === 'km' || value === 'en';
}

/** The saved choice, else the browser's preference (Khmer if it asks for it), else English. */
function initialLanguage(): Language {
  const saved = savedLanguage();
  if (saved) return saved;
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('km')) ? 'km' : 'en';
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

/**
 * The language a message is written in, for its `lang` attribute: Khmer if it has Khmer script,
 * else English (the server's own sentences and values are English or Latin).
 */
export function languageOfText(text: string): Language {
  return /[\u1780-\u17FF]/.test(text) ? 'km' : 'en';
}

/** The current UI language, narrowed. */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI language, remembers it, and sets <html lang> (which also selects the font). */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for the page only.
  }
  await i18next.changeLanguage(language);
}

export type Messages = { [key: string]: string | Messages };

/**
 * A domain's messages with its catalogue of server sentences (contracts' SENTENCE_CATALOGUES:
 * REGISTRY_REFUSALS under `registry`, …) added as `reasons`, so an error coded
 * `<domain>.<name>` reads in the UI's language (api/client.ts detailText looks it up in the
 * namespace named after the domain, so the catalogue is taken by that name). The catalogue's
 * `{name}` becomes i18next's `{{name}}`.
 *
 * An argument that holds a stored code (a status, a change kind) is said with the domain's own
 * word for it: `terms` names, per sentence and argument, the messages that hold those words
 * (`{ member_not_active: { status: 'memberStatus' } }` → `registry:memberStatus.deceased`;
 * another module's words with its namespace, `registry:householdStatus`), through i18next
 * nesting; a code with no word stays as sent.
 */
export function withReasons(
  messages: { en: Messages; km: Messages },
  namespace: keyof typeof SENTENCE_CATALOGUES,
  terms: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): { en: Messages; km: Messages } {
  const catalogue: Readonly<Record<string, Sentences>> = SENTENCE_CATALOGUES[namespace];
  const argument = (code: string, name: string) => {
    const words = terms[code]?.[name];
    if (!words) return `{{${name}}}`;
    // Words of another module name their namespace ('registry:householdStatus').
    const key = words.includes(':') ? words : `${namespace}:${words}`;
    return `$t(${key}.{{${name}}}, {"defaultValue": "{{${name}}}"})`;
  };
  const reasons = (language: keyof Sentences): Messages =>
    Object.fromEntries(
      Object.entries(catalogue).map(([code, sentences]) => [
        code,
        sentences[language].replace(/\{(\w+)\}/g, (_, name: string) => argument(code, name)),
      ]),
    );
  return { en: { ...messages.en, reasons: reasons('en') }, km: { ...messages.km, reasons: reasons('km') } };
}

/**
 * Adds a domain's own strings as a namespace named after the module (see modules.tsx), so
 * domains never edit the shared en.json/km.json. Pages read them with useTranslation('<id>').
 */
export function addNamespace(namespace: string, messages: { en: Messages; km: Messages }): void {
  i18next.addResourceBundle('en', namespace, messages.en, true, true);
  i18next.addResourceBundle('km', namespace, messages.km, true, true);
}

function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}

/**
 * Applies the signed-in account's language unless this device has an explicit choice (the
 * switch), which always wins. Not saved: the next person on a shared device starts afresh.
 */
export function applyAccountLanguage(language: Language): void {
  if (!savedLanguage() && currentLanguage() !== language) void i18next.changeLanguage(language);
}

/** Initializes i18next with the common strings; call once before rendering. */
export function initI18n(): typeof i18next {
  const language = initialLanguage();
  i18next.use(initReactI18next).init({
    resources: { en: { common: en }, km: { common: km } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: ['common'],
    defaultNS: 'common',
    fallbackNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(language);
  i18next.on('languageChanged', (lng) => {
    if (isLanguage(lng)) applyToDocument(lng);
  });
  return i18next;
}
