import type { NcDetail } from '@mlob/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useNc, useNcStep } from './labs.api';
import { LabsNav } from './labs-common';
import { formValues, type Post } from './nc-forms';
import { RootCause } from './nc-root-cause';
import './labs.css';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** One nonconformity through correction, risk, root cause, actions and the effectiveness check. */
export function NcPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('labs');
  const nc = useNc(id);
  const step = useNcStep(id);
  usePageTitle(nc.data?.number ?? t('board.title'));
  const n = nc.data;
  const post = (path: string, body: unknown) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    step.mutate({ path, body }, { onSuccess: () => form.reset() });
  };
  return (
    <>
      <h1>{n ? `${n.number} ${n.title}` : t('board.title')}</h1>
      <LabsNav />
      <ErrorMessage error={nc.error ?? step.error} />
      {n && (
        <div className="labs-steps">
          <p>
            <strong data-testid="nc-stage">{t(`stages.${n.stage}`)}</strong> · {t(`sources.${n.source}`)} ·{' '}
            {n.raisedAt.slice(0, 10)} · {n.raisedByName}
            {n.riskGrade && ` · ${t(`risk.${n.riskGrade}`)}`}
          </p>
          <p>{n.description}</p>
          {n.evidence && (
            <p className="muted">
              {t('nc.evidence')}: {n.evidence}
            </p>
          )}
          {n.links.length > 0 && (
            <p className="small muted">
              {t('nc.links')}:{' '}
              {n.links
                .map(
                  (l) =>
                    `${t(`linkTypes.${l.entityType}`, { defaultValue: l.entityType })}: ${l.label ?? l.entityId}`,
                )
                .join(' · ')}
            </p>
          )}
          {n.stage !== 'closed' && (
            <form
              className="small"
              onSubmit={(e) => {
                const v = formValues(e);
                post('links', {
                  entityType: v.entityType,
                  entityId: v.entityId,
                  label: v.label || undefined,
                })(e);
              }}
            >
              <label htmlFor="link-type">{t('nc.linkType')}</label>{' '}
              <select id="link-type" name="entityType" defaultValue="equipment">
                {(
                  ['equipment', 'document', 'eqa_result', 'personnel', 'audit_question', 'other'] as const
                ).map((k) => (
                  <option key={k} value={k}>
                    {t(`linkTypes.${k}`)}
                  </option>
                ))}
              </select>{' '}
              <label htmlFor="link-id">{t('nc.linkId')}</label>{' '}
              <input id="link-id" name="entityId" required />{' '}
              <label htmlFor="link-label">{t('nc.linkLabel')}</label> <input id="link-label" name="label" />{' '}
              <button type="submit" className="button" disabled={step.isPending}>
                {t('nc.addLink')}
              </button>
            </form>
          )}
          {n.stage !== 'closed' && <Steps nc={n} post={post} isPending={step.isPending} />}
          <Actions nc={n} post={post} isPending={step.isPending} />
          {n.effectivenessChecks.length > 0 && (
            <section>
              <h2>{t('nc.checks')}</h2>
              <ul>
                {n.effectivenessChecks.map((c) => (
                  <li key={`${c.checkedOn}-${c.evidence}`}>
                    {c.checkedOn} · {c.isEffective ? t('nc.effective') : t('nc.notEffective')} · {c.evidence}{' '}
                    · {c.byName}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </>
  );
}

function Steps({ nc, post, isPending }: { nc: NcDetail; post: Post; isPending: boolean }) {
  const { t } = useTranslation('labs');
  return (
    <>
      <section>
        <h2>{t('nc.correction')}</h2>
        {nc.immediateCorrection && (
          <p>
            {nc.immediateCorrection} ({nc.correctedOn})
          </p>
        )}
        <form
          onSubmit={(e) =>
            post('correction', {
              immediateCorrection: formValues(e).immediateCorrection,
              correctedOn: today(),
            })(e)
          }
        >
          <label htmlFor="nc-correction">{t('nc.correctionLabel')}</label>
          <textarea id="nc-correction" name="immediateCorrection" rows={2} required minLength={3} />
          <button type="submit" className="button" disabled={isPending}>
            {t('nc.save')}
          </button>
        </form>
      </section>
      <section>
        <h2>{t('nc.riskTitle')}</h2>
        <form
          onSubmit={(e) => {
            const v = formValues(e);
            post('risk', { severity: Number(v.severity), likelihood: Number(v.likelihood) })(e);
          }}
        >
          <label htmlFor="nc-severity">{t('nc.severity')}</label>
          <select id="nc-severity" name="severity" defaultValue={nc.severity ?? 3}>
            {[1, 2, 3, 4, 5].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          <label htmlFor="nc-likelihood">{t('nc.likelihood')}</label>
          <select id="nc-likelihood" name="likelihood" defaultValue={nc.likelihood ?? 3}>
            {[1, 2, 3, 4, 5].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          <button type="submit" className="button" disabled={isPending}>
            {t('nc.save')}
          </button>
        </form>
      </section>
      <RootCause nc={nc} post={post} isPending={isPending} />
    </>
  );
}

function Actions({ nc, post, isPending }: { nc: NcDetail; post: Post; isPending: boolean }) {
  const { t } = useTranslation('labs');
  return (
    <section>
      <h2>{t('nc.actions')}</h2>
      <ul>
        {nc.actions.map((a) => (
          <li key={a.id} data-action={a.id}>
            {t(`actionKinds.${a.kind}`)} · {a.description} · {a.ownerName} · {t('nc.due')} {a.dueOn}
            {a.isOverdue && <span className="labs-overdue"> · {t('nc.overdue')}</span>}
            {a.status === 'done' ? (
              <span>
                {' '}
                · {t('nc.done')} {a.doneOn}: {a.doneNote}
              </span>
            ) : (
              nc.stage !== 'closed' && (
                <form
                  onSubmit={(e) =>
                    post(`actions/${a.id}/complete`, { doneOn: today(), note: formValues(e).note })(e)
                  }
                >
                  <label htmlFor={`done-${a.id}`}>{t('nc.doneNote')}</label>
                  <input id={`done-${a.id}`} name="note" required minLength={3} />
                  <button type="submit" className="button" disabled={isPending}>
                    {t('nc.markDone')}
                  </button>
                </form>
              )
            )}
          </li>
        ))}
      </ul>
      {nc.stage !== 'closed' && nc.rootCause && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            const v = formValues(e);
            post('actions', {
              kind: v.kind,
              description: v.description,
              ownerName: v.ownerName,
              dueOn: v.dueOn,
            })(e);
          }}
        >
          <label htmlFor="action-kind">{t('nc.actionKind')}</label>
          <select id="action-kind" name="kind" defaultValue="corrective">
            <option value="corrective">{t('actionKinds.corrective')}</option>
            <option value="preventive">{t('actionKinds.preventive')}</option>
          </select>
          <label htmlFor="action-description">{t('nc.actionDescription')}</label>
          <textarea id="action-description" name="description" rows={2} required minLength={3} />
          <label htmlFor="action-owner">{t('nc.owner')}</label>
          <input id="action-owner" name="ownerName" required minLength={2} />
          <label htmlFor="action-due">{t('nc.due')}</label>
          <input id="action-due" name="dueOn" type="date" required />
          <button type="submit" className="button button--primary" disabled={isPending}>
            {t('nc.addAction')}
          </button>
        </form>
      )}
      {nc.stage === 'verification' && (
        <form
          onSubmit={(e) => {
            const v = formValues(e);
            post('effectiveness', {
              checkedOn: today(),
              isEffective: v.isEffective === 'yes',
              evidence: v.evidence,
            })(e);
          }}
        >
          <h2>{t('nc.effectiveness')}</h2>
          <fieldset>
            <legend>{t('nc.wasEffective')}</legend>
            <label>
              <input type="radio" name="isEffective" value="yes" defaultChecked /> {t('nc.effective')}
            </label>
            <label>
              <input type="radio" name="isEffective" value="no" /> {t('nc.notEffective')}
            </label>
          </fieldset>
          <label htmlFor="eff-evidence">{t('nc.effectivenessEvidence')}</label>
          <textarea id="eff-evidence" name="evidence" rows={2} required minLength={3} />
          <button type="submit" className="button button--primary" disabled={isPending}>
            {t('nc.recordCheck')}
          </button>
        </form>
      )}
    </section>
  );
}
