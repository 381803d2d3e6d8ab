import type { Area } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { areaNames } from '../../components/area-name';
import { currentLanguage } from '../../i18n';

/** A list of areas: code, name in the reader's script, name in the other script, size. */
export function AreaTable({ areas, isKindShown = false }: { areas: Area[]; isKindShown?: boolean }) {
  const { t } = useTranslation('geography');
  const secondaryLang = currentLanguage() === 'km' ? 'en' : 'km';
  const isAllVillages = areas.every((a) => a.level === 4);
  const lastHeader = isKindShown ? t('kind') : isAllVillages ? t('locationClass.title') : t('contains');
  return (
    <div className="table-wrap">
      <table className="table area-table">
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('otherScript')}</th>
            <th scope="col">{lastHeader}</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => {
            const names = areaNames(area);
            return (
              <tr key={area.code}>
                <td className="code">{area.code}</td>
                <td>
                  <Link to={`/geography/${area.code}`} lang={names.primaryLang}>
                    {names.primary}
                  </Link>
                  {area.isRetired && <span className="badge">{t('retired')}</span>}
                </td>
                <td lang={secondaryLang} className="muted">
                  {names.secondary}
                </td>
                <td className="nowrap">
                  {isKindShown
                    ? t(`common:areaKind.${area.kind}`, { defaultValue: area.kind })
                    : area.level === 4
                      ? area.locationClass && t(`locationClass.values.${area.locationClass}`)
                      : t(`childCount.${area.level}`, { count: area.childCount ?? 0 })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
