import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { useAudits, useChecklists, useCreateAudit, useLabDirectory } from './labs.api';
import { LabsNav, labName, Stars } from './labs-common';
import './labs.css';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The audits in view, and starting a new one (internal, peer, external). */
export function AuditsPage() {
  const { t, i18n } = useTranslation('labs');
  usePageTitle(t('audits.title'));
  const me = useMe();
  const audits = useAudits();
  const directory = useLabDirectory();
  const checklists = useChecklists();
  const create = useCreateAudit();
  const navigate = useNavigate();
  const ownLab = me.data?.scope.kind === 'lab' ? (me.data.scope.unitId ?? '') : '';
  const isAuditor = me.data?.role === 'lab_auditor';
  const [kind, setKind] = useState(isAuditor ? 'peer' : 'internal');
  const [labCode, setLabCode] = useState('');
  const [auditDate, setAuditDate] = useState(today());
  const [versionId, setVersionId] = useState('');
  const version = versionId || checklists.data?.items.at(-1)?.id || '';
  const target = labCode || (kind === 'internal' ? ownLab : '');

  return (
    <>
      <h1>{t('audits.title')}</h1>
      <LabsNav />
      <section className="card" aria-labelledby="new-audit">
        <h2 id="new-audit">{t('audits.start')}</h2>
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { labCode: target, checklistVersionId: version, kind, auditDate },
              { onSuccess: (audit) => navigate(`/labs/audits/${audit.id}`) },
            );
          }}
        >
          <Field label={t('audits.kind')}>
            {(control) => (
              <select {...control} name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                {(['internal', 'peer', 'external'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('audits.lab')}>
            {(control) => (
              <select
                {...control}
                name="labCode"
                value={target}
                onChange={(e) => setLabCode(e.target.value)}
                required
              >
                <option value="">{t('audits.chooseLab')}</option>
                {directory.data?.items.map((lab) => (
                  <option key={lab.code} value={lab.code}>
                    {lab.code} · {labName(lab, i18n.language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('audits.date')}>
            {(control) => (
              <input
                {...control}
                type="date"
                name="auditDate"
                value={auditDate}
                onChange={(e) => setAuditDate(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('audits.checklist')}>
            {(control) => (
              <select
                {...control}
                name="checklistVersionId"
                value={version}
                onChange={(e) => setVersionId(e.target.value)}
              >
                {checklists.data?.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.checklist} {c.version}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div>
            <button
              type="submit"
              className="button button--primary"
              disabled={create.isPending || !target || !version}
            >
              {t('audits.startButton')}
            </button>
          </div>
        </form>
        <ErrorMessage error={create.error} />
      </section>
      <ErrorMessage error={audits.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('audits.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audits.date')}</th>
              <th scope="col">{t('audits.lab')}</th>
              <th scope="col">{t('audits.kind')}</th>
              <th scope="col">{t('audits.status')}</th>
              <th scope="col">{t('audits.score')}</th>
              <th scope="col">{t('dashboard.stars')}</th>
            </tr>
          </thead>
          <tbody>
            {audits.data?.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/labs/audits/${a.id}`}>{a.auditDate}</Link>
                </td>
                <td>{labName({ nameEn: a.labNameEn, nameKm: a.labNameKm }, i18n.language)}</td>
                <td>{t(`kinds.${a.kind}`)}</td>
                <td>{t(`statuses.${a.status}`)}</td>
                <td>
                  {a.points} / {a.maxPoints} ({a.percent}%)
                </td>
                <td>
                  <Stars stars={a.stars} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
