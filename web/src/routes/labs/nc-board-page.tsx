import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useNcBoard } from './labs.api';
import { LabsNav } from './labs-common';
import './labs.css';

/** Nonconformities by stage: reported → analysis → action → verification → closed. */
export function NcBoardPage() {
  const { t } = useTranslation('labs');
  usePageTitle(t('board.title'));
  const board = useNcBoard();
  return (
    <>
      <h1>{t('board.title')}</h1>
      <LabsNav />
      <ErrorMessage error={board.error} />
      <div className="labs-board">
        {board.data?.columns.map((column) => (
          <section
            key={column.stage}
            className="labs-board__column"
            aria-labelledby={`stage-${column.stage}`}
            data-stage={column.stage}
          >
            <h2 id={`stage-${column.stage}`}>
              {t(`stages.${column.stage}`)} <span className="badge">{column.items.length}</span>
            </h2>
            {column.items.slice(0, 50).map((nc) => (
              <Link key={nc.id} to={`/labs/ncs/${nc.id}`} className="labs-card">
                <span className="small muted">
                  {nc.number} · {t(`sources.${nc.source}`)}
                </span>
                <br />
                {nc.title}
                {nc.riskGrade && <span className="badge"> {t(`risk.${nc.riskGrade}`)}</span>}
                {nc.overdueActions > 0 && (
                  <span className="labs-overdue"> · {t('board.overdue', { count: nc.overdueActions })}</span>
                )}
              </Link>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
