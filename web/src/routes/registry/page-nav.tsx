import { useTranslation } from 'react-i18next';

/** Previous and next buttons under a paged list of the registry's screens. */
export function PageNav({
  label,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
}: {
  label: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation('registry');
  return (
    <nav aria-label={label} className="form-row">
      <button type="button" className="button" disabled={!hasPrevious} onClick={onPrevious}>
        {t('search.previous')}
      </button>
      <button type="button" className="button" disabled={!hasNext} onClick={onNext}>
        {t('search.next')}
      </button>
    </nav>
  );
}
