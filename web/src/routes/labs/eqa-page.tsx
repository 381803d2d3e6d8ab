import type { EqaRoundView } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useEqaSchemes, useLabList } from './labs.api';
import { LabsNav, PanelToggle, QualityNav } from './labs-common';
import { QualityForm } from './quality-forms';
import { todayInCambodia, useQualityLab } from './quality-lab';
import './labs.css';

/**
 * EQA: schemes and providers (the Bureau's, shared by the network), rounds per lab with due dates,
 * results; a result under the pass mark opens a nonconformity, linked here.
 */
export function EqaPage() {
  const { t } = useTranslation('labs');
  usePageTitle(t('qualityNav.eqa'));
  const { labCode, picker, isNetwork } = useQualityLab();
  const schemes = useEqaSchemes();
  const rounds = useLabList<EqaRoundView>('eqa/rounds', labCode);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = rounds.data?.items ?? [];
  const selected = items.find((r) => r.id === selectedId);

  return (
    <>
      <h1>{t('qualityNav.eqa')}</h1>
      <LabsNav />
      <QualityNav />
      {picker}
      <ErrorMessage error={schemes.error ?? rounds.error} />

      <h2>{t('eqaForm.schemes')}</h2>
      <ul>
        {schemes.data?.items.map((s) => (
          <li key={s.id}>
            <strong>{s.code}</strong> · {s.name} · {s.provider} · {s.discipline} ·{' '}
            {t('eqaForm.passMark', { percent: s.passPercent })}
          </li>
        ))}
      </ul>
      {isNetwork ? (
        <details className="card">
          <summary>
            <h2 className="inline-heading">{t('eqaForm.newScheme')}</h2>
          </summary>
          <QualityForm
            testId="eqa-scheme-form"
            path="eqa/schemes"
            submitLabel={t('eqaForm.newScheme')}
            fields={[
              { name: 'code', label: t('eqaForm.code'), isRequired: true, hint: t('eqaForm.codeHint') },
              { name: 'name', label: t('eqaForm.name'), isRequired: true },
              { name: 'provider', label: t('eqaForm.provider'), isRequired: true },
              { name: 'discipline', label: t('eqaForm.discipline'), isRequired: true },
              { name: 'passPercent', label: t('eqaForm.passPercent'), kind: 'number', defaultValue: 80 },
            ]}
          />
        </details>
      ) : (
        <p className="muted small">{t('eqaForm.schemesByBureau')}</p>
      )}

      <h2>{t('eqaForm.rounds')}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('eqaForm.rounds')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.lab')}</th>
              <th scope="col">{t('quality.scheme')}</th>
              <th scope="col">{t('quality.round')}</th>
              <th scope="col">{t('nc.due')}</th>
              <th scope="col">{t('quality.result')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{r.labCode}</td>
                <td>{r.schemeName}</td>
                <td>{r.roundLabel}</td>
                <td className={r.isOverdue ? 'labs-overdue' : undefined}>{r.dueOn}</td>
                <td>
                  {r.scorePercent === null ? (
                    <PanelToggle
                      rowId={r.id}
                      selectedId={selectedId}
                      onSelect={setSelectedId}
                      panelId="eqa-result"
                      label={t('eqaForm.enterResult')}
                      rowName={r.roundLabel}
                    />
                  ) : (
                    `${r.scorePercent}% · ${r.isSatisfactory ? t('quality.satisfactory') : t('quality.unsatisfactory')}`
                  )}
                  {r.ncId && (
                    <>
                      {' '}
                      · <Link to={`/labs/ncs/${r.ncId}`}>{t('entry.openNcLink')}</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {selected && (
        <section id="eqa-result" className="card" aria-labelledby="eqa-result-title">
          <h2 id="eqa-result-title">
            {t('eqaForm.enterResult')}: {selected.schemeName} · {selected.roundLabel}
          </h2>
          <p className="muted">{t('eqaForm.ncNote')}</p>
          {selected.scorePercent !== null && (
            <p role="status" data-testid="eqa-result-outcome">
              {selected.scorePercent}% ·{' '}
              {selected.isSatisfactory ? t('quality.satisfactory') : t('quality.unsatisfactory')}
              {selected.ncId && (
                <>
                  {' '}
                  · <Link to={`/labs/ncs/${selected.ncId}`}>{t('entry.openNcLink')}</Link>
                </>
              )}
            </p>
          )}
          {selected.scorePercent === null && (
            <QualityForm
              testId="eqa-result-form"
              path={`eqa/rounds/${selected.id}/result`}
              submitLabel={t('eqaForm.saveResult')}
              fields={[
                { name: 'scorePercent', label: t('eqaForm.scorePercent'), kind: 'number', isRequired: true },
                {
                  name: 'scoredOn',
                  label: t('eqaForm.scoredOn'),
                  kind: 'date',
                  isRequired: true,
                  defaultValue: todayInCambodia(),
                },
                { name: 'note', label: t('eqaForm.note'), kind: 'textarea' },
              ]}
            />
          )}
        </section>
      )}

      {labCode && (
        <details className="card">
          <summary>
            <h2 className="inline-heading">{t('eqaForm.newRound')}</h2>
          </summary>
          <QualityForm
            testId="eqa-round-form"
            path="eqa/rounds"
            submitLabel={t('eqaForm.newRound')}
            extraBody={{ labCode }}
            fields={[
              {
                name: 'schemeId',
                label: t('quality.scheme'),
                kind: 'select',
                isRequired: true,
                options: (schemes.data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.code} · ${s.name}`,
                })),
              },
              { name: 'roundLabel', label: t('eqaForm.roundLabel'), isRequired: true },
              { name: 'dueOn', label: t('eqaForm.dueOn'), kind: 'date', isRequired: true },
            ]}
          />
        </details>
      )}
    </>
  );
}
