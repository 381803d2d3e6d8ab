import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Stars as ★ glyphs with the number for screen readers and print. */
export function Stars({ stars }: { stars: number | null }) {
  const { t } = useTranslation('labs');
  if (stars === null) return <span className="muted">—</span>;
  return (
    <span className="labs-stars" role="img" aria-label={t('starsLabel', { count: stars })}>
      {'★'.repeat(stars)}
      <span className="labs-stars__empty">{'☆'.repeat(5 - stars)}</span>
    </span>
  );
}

/** The module's own navigation: dashboard, audits, nonconformities. */
export function LabsNav() {
  const { t } = useTranslation('labs');
  return (
    <nav className="labs-subnav" aria-label={t('nav')}>
      <Link to="/labs">{t('dashboard.title')}</Link>
      <Link to="/labs/audits">{t('audits.title')}</Link>
      <Link to="/labs/ncs">{t('board.title')}</Link>
      <Link to="/labs/quality">{t('quality.title')}</Link>
    </nav>
  );
}

/** A lab's name in the current language first. */
export function labName(lab: { nameEn: string; nameKm: string }, language: string): string {
  return language === 'km' ? lab.nameKm : lab.nameEn;
}

export function heatClass(percent: number | undefined): string {
  if (percent === undefined) return 'labs-heat labs-heat--none';
  return percent >= 85
    ? 'labs-heat labs-heat--good'
    : percent >= 65
      ? 'labs-heat labs-heat--mid'
      : 'labs-heat labs-heat--low';
}

/** The quality system's own pages, below the module navigation. */
export function QualityNav() {
  const { t } = useTranslation('labs');
  return (
    <nav className="labs-subnav labs-subnav--quality" aria-label={t('quality.title')}>
      <Link to="/labs/quality">{t('qualityNav.overview')}</Link>
      <Link to="/labs/quality/equipment">{t('qualityNav.equipment')}</Link>
      <Link to="/labs/quality/documents">{t('qualityNav.documents')}</Link>
      <Link to="/labs/quality/staff">{t('qualityNav.staff')}</Link>
      <Link to="/labs/quality/eqa">{t('qualityNav.eqa')}</Link>
    </nav>
  );
}

/**
 * The button on a row that opens that row's panel below the list (one panel at a time), with
 * the row named for screen readers ("New version QP-001").
 */
export function PanelToggle(props: {
  rowId: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  panelId: string;
  label: string;
  rowName: string;
}) {
  const isOpen = props.rowId === props.selectedId;
  return (
    <button
      type="button"
      className="button"
      aria-expanded={isOpen}
      aria-controls={props.panelId}
      onClick={() => props.onSelect(isOpen ? null : props.rowId)}
    >
      {props.label}
      <span className="visually-hidden"> {props.rowName}</span>
    </button>
  );
}
