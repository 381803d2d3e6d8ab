import type { DocumentView } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useLabList } from './labs.api';
import { LabsNav, PanelToggle, QualityNav } from './labs-common';
import { type FieldSpec, QualityForm } from './quality-forms';
import { DUE_CLASS, todayInCambodia, useQualityLab } from './quality-lab';
import './labs.css';

const DOC_KINDS = ['policy', 'sop', 'form', 'manual', 'external'] as const;

/** The document master list: new documents, new versions (the old one archived), review due dates. */
export function DocumentsPage() {
  const { t } = useTranslation('labs');
  usePageTitle(t('qualityNav.documents'));
  const { labCode, picker } = useQualityLab();
  const documents = useLabList<DocumentView>('documents', labCode);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = documents.data?.items ?? [];
  const selected = items.find((d) => d.id === selectedId);

  const version = (prefix: string): FieldSpec[] => [
    { name: `${prefix}versionLabel`, label: t('documentForm.versionLabel'), isRequired: true },
    { name: `${prefix}authorName`, label: t('documentForm.author'), isRequired: true },
    { name: `${prefix}reviewerName`, label: t('documentForm.reviewer'), isRequired: true },
    { name: `${prefix}approverName`, label: t('documentForm.approver'), isRequired: true },
    {
      name: `${prefix}effectiveOn`,
      label: t('documentForm.effectiveOn'),
      kind: 'date',
      isRequired: true,
      defaultValue: todayInCambodia(),
    },
    {
      name: `${prefix}changeSummary`,
      label: t('documentForm.changeSummary'),
      kind: 'textarea',
      isRequired: true,
    },
  ];

  return (
    <>
      <h1>{t('qualityNav.documents')}</h1>
      <LabsNav />
      <QualityNav />
      {picker}
      <ErrorMessage error={documents.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('quality.documents')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quality.document')}</th>
              <th scope="col">{t('quality.version')}</th>
              <th scope="col">{t('documentForm.people')}</th>
              <th scope="col">{t('quality.reviewDue')}</th>
              <th scope="col">{t('documentForm.obsolete')}</th>
              <th scope="col">{t('documentForm.newVersion')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.labCode} · <strong>{d.docCode}</strong> · {d.title} · {t(`docKinds.${d.kind}`)}
                </td>
                <td>
                  {d.currentVersion?.versionLabel} ({d.currentVersion?.effectiveOn})
                </td>
                <td className="small">
                  {d.currentVersion &&
                    `${d.currentVersion.authorName} / ${d.currentVersion.reviewerName} / ${d.currentVersion.approverName}`}
                </td>
                <td className={DUE_CLASS[d.reviewState]}>
                  {d.reviewDueOn}
                  {d.reviewState !== 'ok' && ` · ${t(`dueStates.${d.reviewState}`)}`}
                </td>
                <td className="small muted">
                  {d.archivedVersions.map((a) => `${a.versionLabel} (${a.effectiveOn})`).join(', ') || '—'}
                </td>
                <td>
                  <PanelToggle
                    rowId={d.id}
                    selectedId={selectedId}
                    onSelect={setSelectedId}
                    panelId="document-version"
                    label={t('documentForm.newVersion')}
                    rowName={d.docCode}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {selected && (
        <section id="document-version" className="card" aria-labelledby="document-version-title">
          <h2 id="document-version-title">
            {t('documentForm.newVersion')}: {selected.docCode} · {selected.title}
          </h2>
          <p className="muted">{t('documentForm.archiveNote')}</p>
          <QualityForm
            testId="document-version-form"
            path={`documents/${selected.id}/versions`}
            submitLabel={t('documentForm.issue')}
            fields={version('')}
          />
        </section>
      )}

      {labCode && (
        <details className="card">
          <summary>
            <h2 className="inline-heading">{t('documentForm.new')}</h2>
          </summary>
          <QualityForm
            testId="document-new-form"
            path="documents"
            submitLabel={t('documentForm.new')}
            extraBody={{ labCode }}
            fields={[
              {
                name: 'docCode',
                label: t('documentForm.docCode'),
                isRequired: true,
                hint: t('documentForm.docCodeHint'),
              },
              { name: 'title', label: t('documentForm.title'), isRequired: true },
              {
                name: 'kind',
                label: t('documentForm.kind'),
                kind: 'select',
                isRequired: true,
                options: DOC_KINDS.map((k) => ({ value: k, label: t(`docKinds.${k}`) })),
              },
              {
                name: 'reviewIntervalMonths',
                label: t('documentForm.reviewIntervalMonths'),
                kind: 'number',
                defaultValue: 24,
              },
              ...version('firstVersion.'),
            ]}
          />
        </details>
      )}
    </>
  );
}
