import { useTranslation } from 'react-i18next';
import { type ApiError, isApiError } from '../api/client';

/**
 * Shows any error clearly: a translated sentence for the server's stable code, the field paths
 * the server named, and its own message as a secondary line. Announced to screen readers.
 */
export function ErrorMessage({
  error,
  fieldLabels = {},
}: {
  error: unknown;
  fieldLabels?: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!isApiError(error)) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{t('errors.internal')}</p>
      </div>
    );
  }
  const fields = error.fieldProblems();
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{t(`errors.${error.code}`, { defaultValue: t('errors.title') })}</p>
      {fields.length > 0 && (
        <>
          <p>{t('errors.fieldsToFix')}</p>
          <ul>
            {fields.map(({ field, text, lang }) => (
              <li key={field}>
                <strong>{fieldLabels[field] ?? field}</strong>: <span lang={lang}>{text}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {fields.length === 0 && error.code !== 'network' && <ServerSays error={error} />}
    </div>
  );
}

/** The server's message: in the UI's language when its reason is known, else its English, marked so. */
function ServerSays({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const { text, lang } = error.messageText();
  return (
    <p className="alert__detail" lang={lang}>
      {lang === 'en' ? t('errors.serverSays', { message: text }) : text}
    </p>
  );
}
