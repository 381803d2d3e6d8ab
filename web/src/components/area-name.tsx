import type { Area } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';

type Named = Pick<Area, 'nameKm' | 'nameLatin'>;

/** The name in the current language's script first: Khmer script in km, Latin in en. */
export function areaNames(area: Named): { primary: string; secondary: string; primaryLang: 'km' | 'en' } {
  return currentLanguage() === 'km'
    ? { primary: area.nameKm, secondary: area.nameLatin, primaryLang: 'km' }
    : { primary: area.nameLatin, secondary: area.nameKm, primaryLang: 'en' };
}

/** An area's name in the reader's script, with the other script as quieter secondary text. */
export function AreaName({ area, isSecondaryShown = true }: { area: Named; isSecondaryShown?: boolean }) {
  useTranslation(); // re-render on language change
  const names = areaNames(area);
  return (
    <span className="area-name">
      <span lang={names.primaryLang}>{names.primary}</span>
      {isSecondaryShown && names.secondary && names.secondary !== names.primary && (
        <span className="area-name__secondary" lang={names.primaryLang === 'km' ? 'en' : 'km'}>
          {names.secondary}
        </span>
      )}
    </span>
  );
}
