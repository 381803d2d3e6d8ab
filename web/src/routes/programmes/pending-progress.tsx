import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/progress-bar';

/**
 * A live, indeterminate progress bar while a long one-request operation runs (preparing a
 * cycle, generating a payroll, applying a result file): each is one transaction with no steps
 * to count, so the bar says "working" rather than inventing a percentage.
 */
export function PendingProgress({ isPending, label }: { isPending: boolean; label: string }) {
  const { t } = useTranslation('programmes');
  if (!isPending) return null;
  return (
    <div aria-live="polite">
      <ProgressBar done={0} total={null} label={label} />
      <p>{t('working')}</p>
    </div>
  );
}
