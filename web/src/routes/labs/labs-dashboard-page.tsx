import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useDashboard } from './labs.api';
import { heatClass, LabsNav, labName, Stars } from './labs-common';
import './labs.css';

/** The network dashboard: stars over time, section heat map, open and overdue actions, EQA. */
export function LabsDashboardPage() {
  const { t, i18n } = useTranslation('labs');
  usePageTitle(t('dashboard.title'));
  const dashboard = useDashboard();
  const data = dashboard.data;
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <LabsNav />
      <p>
        <a href="/api/labs/dashboard.xlsx" download>
          {t('dashboard.export')}
        </a>
      </p>
      <ErrorMessage error={dashboard.error} />
      {dashboard.isPending && <p role="status">{t('loading')}</p>}
      {data && (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="labs-table">
              <caption className="visually-hidden">{t('dashboard.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.lab')}</th>
                  <th scope="col">{t('dashboard.stars')}</th>
                  <th scope="col">{t('dashboard.history')}</th>
                  <th scope="col">{t('dashboard.openNcs')}</th>
                  <th scope="col">{t('dashboard.overdue')}</th>
                  <th scope="col">{t('dashboard.eqa')}</th>
                  <th scope="col">{t('dashboard.outOfService')}</th>
                </tr>
              </thead>
              <tbody>
                {data.labs.map((lab) => (
                  <tr key={lab.code} data-testid={`lab-${lab.code}`}>
                    <th scope="row">
                      {labName(lab, i18n.language)} <span className="muted small">{lab.code}</span>
                    </th>
                    <td data-testid={`stars-${lab.code}`} data-stars={lab.latestStars ?? ''}>
                      <Stars stars={lab.latestStars} />
                    </td>
                    <td className="small">
                      {lab.starsOverTime.map((p) => (
                        <span key={p.auditId} title={`${p.auditDate} · ${p.percent}%`} className="nowrap">
                          {p.auditDate.slice(0, 7)}: {p.stars}★{' '}
                        </span>
                      ))}
                    </td>
                    <td>{lab.openNcs}</td>
                    <td className={lab.overdueActions > 0 ? 'labs-overdue' : undefined}>
                      {lab.overdueActions}
                    </td>
                    <td>
                      {lab.eqa.satisfactory} / {lab.eqa.scored}
                      {lab.eqa.latestPercents.length > 0 && (
                        <span className="muted small"> ({lab.eqa.latestPercents.join('%, ')}%)</span>
                      )}
                    </td>
                    <td>{lab.equipmentOutOfService}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('dashboard.heatMap')}</h2>
          <p className="muted">{t('dashboard.heatMapHint')}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('dashboard.heatMap')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.lab')}</th>
                  {data.sections.map((s) => (
                    <th
                      scope="col"
                      key={s.number}
                      title={i18n.language === 'km' ? (s.titleKm ?? s.title) : s.title}
                    >
                      {s.number}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.labs.map((lab) => (
                  <tr key={lab.code}>
                    <th scope="row">{lab.code}</th>
                    {data.sections.map((s) => {
                      const percent = lab.sectionPercents.find((p) => p.number === s.number)?.percent;
                      return (
                        <td key={s.number} className={heatClass(percent)}>
                          {percent === undefined ? '—' : Math.round(percent)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ol className="small muted">
            {data.sections.map((s) => (
              <li key={s.number} value={s.number}>
                {i18n.language === 'km' ? (s.titleKm ?? s.title) : s.title}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
