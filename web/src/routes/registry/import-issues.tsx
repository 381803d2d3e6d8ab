import { importIssueReason } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { formatNumber } from '../../i18n/format';
import { PageNav } from './page-nav';
import { IMPORT_ISSUES_PAGE, useImportIssues } from './registry.api';

/**
 * The problems of a finished import, a page at a time, each with its file, row, column and
 * value as they were uploaded and why it was refused in the reader's language, and the whole
 * report to download in that language.
 */
export function ImportIssues({ runId, total }: { runId: string; total: number }) {
  const { t, i18n } = useTranslation('registry');
  const [offset, setOffset] = useState(0);
  const page = useImportIssues(runId, offset);
  const language = i18n.language === 'km' ? 'km' : 'en';
  const items = page.data?.items ?? [];
  return (
    <section aria-labelledby="import-issues-title">
      <h3 id="import-issues-title">{t('import.issues.title')}</h3>
      <a className="button" href={`/api/registry/imports/${runId}/report.csv?lang=${language}`} download>
        {t('import.report', { count: total })}
      </a>
      <ErrorMessage error={page.error} />
      {items.length > 0 && (
        <>
          <p className="muted">
            {t('import.issues.showing', {
              from: formatNumber(offset + 1),
              to: formatNumber(offset + items.length),
              total: formatNumber(page.data?.total ?? total),
            })}
          </p>
          <div className="table-wrap">
            <table className="table import-issues">
              <thead>
                <tr>
                  <th scope="col">{t('import.issues.file')}</th>
                  <th scope="col">{t('import.issues.row')}</th>
                  <th scope="col">{t('import.issues.column')}</th>
                  <th scope="col">{t('import.issues.value')}</th>
                  <th scope="col">{t('import.issues.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((issue) => (
                  <tr key={issue.id}>
                    <td>{issue.file}</td>
                    <td>{issue.row ?? ''}</td>
                    <td>
                      <code>{issue.column ?? ''}</code>
                    </td>
                    <td className="import-issues__value">{issue.value ?? ''}</td>
                    <td>{importIssueReason(issue, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {page.data && page.data.total > IMPORT_ISSUES_PAGE && (
        <PageNav
          label={t('import.issues.pages')}
          hasPrevious={offset > 0}
          hasNext={offset + IMPORT_ISSUES_PAGE < page.data.total}
          onPrevious={() => setOffset(Math.max(0, offset - IMPORT_ISSUES_PAGE))}
          onNext={() => setOffset(offset + IMPORT_ISSUES_PAGE)}
        />
      )}
    </section>
  );
}
