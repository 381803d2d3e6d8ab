import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { useAssessment, useModel } from './assessment.api';

/** One assessment and how its score was reached: points per answer, adjustments, cut-off. */
export function AssessmentPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('assessment');
  usePageTitle(t('explanation'));
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const assessment = useAssessment(id);
  const model = useModel(assessment.data?.modelVersionId);
  const labelOf = (key: string) =>
    model.data?.questionnaire.questions.find((q) => q.key === key)?.label[lang] ?? key;
  const e = assessment.data?.explanation;
  return (
    <>
      <h1>{t('explanation')}</h1>
      <ErrorMessage error={assessment.error} />
      {e && (
        <>
          {e.isIllustrative && <p className="alert alert--warning">{t('illustrative')}</p>}
          <p className="card" aria-live="polite">
            <strong>
              {t('score')}: <span data-testid="score">{e.score}</span> ·{' '}
              <span data-testid="level">{t(`levels.${e.level ?? 'none'}`)}</span>
            </strong>
            <br />
            {t('decidedBy')}: <span lang="en">{e.decidedBy}</span>
          </p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('question')}</th>
                  <th scope="col">{t('answer')}</th>
                  <th scope="col">{t('points')}</th>
                  <th scope="col">{t('why')}</th>
                </tr>
              </thead>
              <tbody>
                {e.lines.map((l) => (
                  <tr key={l.question}>
                    <td>{labelOf(l.question)}</td>
                    <td className="code">
                      {Array.isArray(l.answer) ? l.answer.join(', ') : String(l.answer)}
                    </td>
                    <td>{l.points}</td>
                    <td lang="en">{l.why}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('basePoints')}
                  </th>
                  <td>{e.basePoints}</td>
                  <td />
                </tr>
                {e.adjustments.map((a) => (
                  <tr key={a.question}>
                    <td colSpan={2}>{`${t('adjustments')}: ${labelOf(a.question)}`}</td>
                    <td>{a.points}</td>
                    <td />
                  </tr>
                ))}
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('adjustmentTotal')}
                  </th>
                  <td>{e.adjustmentTotal}</td>
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
          <p>
            <Link to="/assessment">{t('title')}</Link>
          </p>
        </>
      )}
    </>
  );
}
