import type { NcDetail } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formValues, type Post } from './nc-forms';

const FISHBONE = ['people', 'methods', 'equipment', 'materials', 'environment', 'measurement'] as const;

/** Root cause by 5 whys or by fishbone (causes by category), then the root cause itself. */
export function RootCause({ nc, post, isPending }: { nc: NcDetail; post: Post; isPending: boolean }) {
  const { t } = useTranslation('labs');
  const [method, setMethod] = useState<'five_whys' | 'fishbone'>('five_whys');
  const [whys, setWhys] = useState(['', '', '', '', '']);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    const v = formValues(e);
    const lines = (text: string | undefined) =>
      (text ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 1);
    const causes = Object.fromEntries(
      FISHBONE.map((c) => [c, lines(v[`cause-${c}`])]).filter(([, list]) => (list?.length ?? 0) > 0),
    );
    post(
      'root-cause',
      method === 'five_whys'
        ? { method, whys: whys.filter((w) => w.trim().length > 1), summary: v.summary }
        : { method, causes, summary: v.summary },
    )(e);
  };
  return (
    <section>
      <h2>{t('nc.rootCause')}</h2>
      {nc.rootCause && <p>{nc.rootCause.summary}</p>}
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('nc.method')}</legend>
          <label>
            <input
              type="radio"
              name="method"
              checked={method === 'five_whys'}
              onChange={() => setMethod('five_whys')}
            />{' '}
            {t('nc.fiveWhys')}
          </label>{' '}
          <label>
            <input
              type="radio"
              name="method"
              checked={method === 'fishbone'}
              onChange={() => setMethod('fishbone')}
            />{' '}
            {t('nc.fishbone')}
          </label>
        </fieldset>
        {method === 'five_whys' &&
          whys.map((why, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the five why fields are fixed positions
            <p key={`why-${i + 1}`}>
              <label htmlFor={`nc-why-${i}`}>{t('nc.why', { n: i + 1 })}</label>
              <input
                id={`nc-why-${i}`}
                name={`why${i + 1}`}
                value={why}
                required={i === 0}
                onChange={(e) => setWhys((w) => w.map((x, k) => (k === i ? e.target.value : x)))}
              />
            </p>
          ))}
        {method === 'fishbone' &&
          FISHBONE.map((category) => (
            <p key={category}>
              <label htmlFor={`nc-cause-${category}`}>{t(`fishbone.${category}`)}</label>
              <textarea
                id={`nc-cause-${category}`}
                name={`cause-${category}`}
                rows={2}
                placeholder={t('nc.onePerLine')}
              />
            </p>
          ))}
        <label htmlFor="nc-summary">{t('nc.rootCauseSummary')}</label>
        <textarea id="nc-summary" name="summary" rows={2} required minLength={3} />
        <button type="submit" className="button" disabled={isPending}>
          {t('nc.save')}
        </button>
      </form>
    </section>
  );
}
