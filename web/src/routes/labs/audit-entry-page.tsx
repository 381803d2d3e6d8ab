import type { AuditDetail, ChecklistVersionDetail } from '@mlob/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { ItemEvidence } from './audit-evidence';
import { AnswerEntry } from './audit-item';
import { AuditWorkflow } from './audit-workflow';
import { useAudit, useChecklist, useRaiseNc } from './labs.api';
import { LabsNav, labName, Stars } from './labs-common';
import { type LocalAnswer, localAnswers, useOfflineAnswers } from './offline-answers';
import { useOfflineAuditShell } from './offline-shell';
import './labs.css';

type Section = ChecklistVersionDetail['sections'][number];

/** Merges server answers with the device's unsent edits (the device's are newer). */
function mergedAnswers(audit: AuditDetail | undefined, local: Record<string, LocalAnswer>) {
  const out: Record<string, LocalAnswer> = {};
  for (const a of audit?.answers ?? [])
    out[a.itemId] = {
      answer: a.answer,
      comment: a.comment ?? '',
      naJustification: a.naJustification ?? '',
      clientAt: a.clientAt,
    };
  return { ...out, ...local };
}

/** Audit entry for a tablet: answers kept on the device and synced when the connection allows. */
export function AuditEntryPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('labs');
  const audit = useAudit(id);
  const checklist = useChecklist(audit.data?.checklistVersionId);
  const me = useMe();
  const isEditable = audit.data?.status === 'draft';
  const { outbox, isOnline, lastSyncAt, edit, editMany } = useOfflineAnswers(id, { isEditable });
  const raise = useRaiseNc(id);
  useOfflineAuditShell(
    audit.data
      ? ['/api/auth/me', `/api/labs/audits/${id}`, `/api/labs/checklists/${audit.data.checklistVersionId}`]
      : [],
  );
  const [raised, setRaised] = useState<Record<string, string>>({});
  // A closed section renders nothing: 400 items at once are slow on a tablet.
  const [openSections, setOpenSections] = useState<Record<number, boolean>>({});
  usePageTitle(audit.data?.title ?? t('audits.title'));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the outbox changes what is stored locally
  const answers = useMemo(() => mergedAnswers(audit.data, localAnswers(id)), [audit.data, id, outbox]);
  const rejected = new Map(outbox.filter((c) => c.rejectedBecause).map((c) => [c.itemId, c.rejectedBecause]));
  const findings = new Map((audit.data?.questions ?? []).map((q) => [q.id, q.answer]));
  const a = audit.data;
  // Evidence controls for findings and N/A (and wherever files are attached already).
  const hasEvidenceControl = (itemId: string) =>
    ['partial', 'no', 'na'].includes(answers[itemId]?.answer ?? '') ||
    Boolean(a?.evidence.some((e) => e.itemId === itemId));

  const fillSection = (section: Section) => {
    if (!window.confirm(t('entry.fillConfirm'))) return;
    const isParent = (id: string) => section.items.some((s) => s.parentId === id);
    editMany(
      section.items
        .filter((item) => !isParent(item.id) && !answers[item.id]?.answer)
        .map((item) => ({
          itemId: item.id,
          value: { answer: 'yes' as const, comment: '', naJustification: '' },
        })),
    );
  };

  return (
    <>
      <h1>{a?.title ?? t('audits.title')}</h1>
      <LabsNav />
      <ErrorMessage error={audit.error ?? checklist.error ?? raise.error} />
      {a && (
        <>
          <p>
            {labName({ nameEn: a.labNameEn, nameKm: a.labNameKm }, i18n.language)} · {t(`kinds.${a.kind}`)} ·{' '}
            {a.auditDate} · <strong data-testid="audit-status">{t(`statuses.${a.status}`)}</strong>
          </p>
          <p className="card" data-testid="audit-score">
            {t('audits.score')}: {a.points} / {a.maxPoints} ({a.percent}%) · <Stars stars={a.stars} />
            {a.proficiency === 'not_met' && <span className="labs-overdue"> · {t('entry.ptNotMet')}</span>}
          </p>
          <div
            className={`labs-sync ${isOnline ? 'labs-sync--online' : 'labs-sync--offline'}`}
            role="status"
            data-testid="sync-status"
          >
            {isOnline ? t('entry.online') : t('entry.offline')} ·{' '}
            {t('entry.pending', { count: outbox.filter((c) => !c.rejectedBecause).length })}
            {lastSyncAt && (
              <span className="muted small">
                {' '}
                · {t('entry.lastSync', { time: lastSyncAt.slice(11, 19) })}
              </span>
            )}
          </div>
          {a.checklistInconsistencies.length > 0 && (
            <details className="small">
              <summary>{t('entry.inconsistencies', { count: a.checklistInconsistencies.length })}</summary>
              <ul lang="en">
                {a.checklistInconsistencies.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
          )}
          <p className="small">
            <a href={`/api/labs/audits/${a.id}/report.pdf?lang=km`}>{t('entry.reportKm')}</a> ·{' '}
            <a href={`/api/labs/audits/${a.id}/report.pdf?lang=en`}>{t('entry.reportEn')}</a>
          </p>
        </>
      )}
      {checklist.data?.sections.map((section) => {
        const score = a?.sections.find((s) => s.number === section.number);
        const title = i18n.language === 'km' ? (section.titleKm ?? section.title) : section.title;
        return (
          <details
            key={section.number}
            className="labs-section"
            data-section={section.number}
            onToggle={(e) => {
              const isOpen = e.currentTarget.open;
              setOpenSections((open) => ({ ...open, [section.number]: isOpen }));
            }}
          >
            <summary>
              {section.number}. {title}{' '}
              {score && (
                <span className="muted small">
                  ({score.points} / {score.maxPoints})
                </span>
              )}
            </summary>
            {openSections[section.number] && (
              <>
                {isEditable && (
                  <button type="button" className="button" onClick={() => fillSection(section)}>
                    {t('entry.fillYes')}
                  </button>
                )}
                {section.items
                  .filter((item) => item.parentId === null)
                  .map((question) => {
                    const subs = section.items.filter((s) => s.parentId === question.id);
                    const finding = findings.get(question.id);
                    const short =
                      (i18n.language === 'km' ? question.shortKm : question.shortEn) ?? question.title ?? '';
                    return (
                      <article key={question.id} className="labs-item" data-question={question.id}>
                        <div className="labs-item__head">
                          <span className="labs-item__id">{question.id}</span>
                          <strong>{short}</strong>
                          <span className="muted small">
                            {t('entry.points', { count: question.points ?? 0 })}
                          </span>
                        </div>
                        <details className="small">
                          <summary>{t('entry.officialText')}</summary>
                          <p lang="en">{question.text}</p>
                        </details>
                        {subs.length === 0 && (
                          <>
                            <AnswerEntry
                              item={question}
                              value={answers[question.id]}
                              isEditable={isEditable}
                              rejectedBecause={rejected.get(question.id)}
                              onChange={(v) => edit(question.id, v)}
                            />
                            {a && hasEvidenceControl(question.id) && (
                              <ItemEvidence audit={a} itemId={question.id} isEditable={isEditable} />
                            )}
                          </>
                        )}
                        {subs.map((sub) => (
                          <div key={sub.id} className="labs-sub">
                            <p>
                              <span className="labs-item__id">{sub.id}</span>{' '}
                              <span lang="en">{sub.text}</span>
                            </p>
                            <AnswerEntry
                              item={sub}
                              value={answers[sub.id]}
                              isEditable={isEditable}
                              rejectedBecause={rejected.get(sub.id)}
                              onChange={(v) => edit(sub.id, v)}
                            />
                            {a && hasEvidenceControl(sub.id) && (
                              <ItemEvidence audit={a} itemId={sub.id} isEditable={isEditable} />
                            )}
                          </div>
                        ))}
                        {(finding === 'no' || finding === 'partial') && me.data && (
                          <p>
                            {raised[question.id] ? (
                              <Link to={`/labs/ncs/${raised[question.id]}`}>{t('entry.openNcLink')}</Link>
                            ) : (
                              <button
                                type="button"
                                className="button"
                                disabled={raise.isPending}
                                onClick={() =>
                                  raise.mutate(question.id, {
                                    onSuccess: (nc) => setRaised((r) => ({ ...r, [question.id]: nc.id })),
                                  })
                                }
                              >
                                {t('entry.raiseNc')}
                              </button>
                            )}
                          </p>
                        )}
                      </article>
                    );
                  })}
              </>
            )}
          </details>
        );
      })}
      {a && <AuditWorkflow audit={a} pending={outbox.length} />}
    </>
  );
}
