import type { Programme, VersionInput } from '@mlob/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiPost } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { usePost, useProgrammes } from './programmes.api';

const DEFAULT_RULE = "poverty_level in (1, 2) and card_status = 'active'";
const DEFAULT_BENEFITS = JSON.stringify(
  [
    { component: 'household', amountRiel: 80000, isConfirmed: true },
    { component: 'per_member', povertyLevel: 1, amountRiel: 20000, isConfirmed: true },
    { component: 'per_member', povertyLevel: 2, amountRiel: 12000, isConfirmed: true },
  ],
  null,
  2,
);

/** Live "who would be eligible" count for a draft rule, debounced. */
function useEligibleCount(rule: string) {
  const [debounced, setDebounced] = useState(rule);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(rule), 400);
    return () => clearTimeout(timer);
  }, [rule]);
  return useQuery({
    queryKey: ['programmes', 'rule-check', debounced],
    queryFn: () => apiPost<{ eligibleCount: number }>('/api/programmes/rules/check', { rule: debounced }),
    enabled: debounced.trim() !== '',
    retry: false,
  });
}

/** Programmes and the rule editor for a new one (validated on the server, live count). */
export function ProgrammesPage() {
  const { t, i18n } = useTranslation('programmes');
  usePageTitle(t('title'));
  const lang = i18n.language === 'km' ? 'km' : 'en';
  const programmes = useProgrammes();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameKm, setNameKm] = useState('');
  const [rule, setRule] = useState(DEFAULT_RULE);
  const [benefits, setBenefits] = useState(DEFAULT_BENEFITS);
  const count = useEligibleCount(rule);
  const create = usePost<Programme>([['programmes']], () => '/api/programmes');
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    let parsed: VersionInput['benefits'] = [];
    try {
      parsed = JSON.parse(benefits);
    } catch {
      parsed = [];
    }
    const version = {
      eligibilityRule: rule,
      effectiveFrom: new Date().toISOString().slice(0, 8).concat('01'),
      schedule: 'monthly',
      providers: ['wing'],
      approvalRoles: ['payment_officer', 'admin'],
      benefits: parsed,
    };
    create.mutate(
      { body: { code, name: { en: nameEn, km: nameKm }, version } },
      { onSuccess: () => navigate(`/programmes/${code}`) },
    );
  }
  return (
    <>
      <h1>{t('title')}</h1>
      <p>
        <Link to="/programmes/shock">{t('shockNav')}</Link>
      </p>
      <ErrorMessage error={programmes.error} />
      <ul className="card-list">
        {programmes.data?.map((p) => (
          <li key={p.id}>
            <Link to={`/programmes/${p.code}`}>{p.name[lang]}</Link> <span className="code">{p.code}</span>{' '}
            <span className="badge">{t(`kinds.${p.kind}`)}</span>
          </li>
        ))}
      </ul>
      <form className="stacked-form card" onSubmit={onSubmit} noValidate>
        <h2 className="inline-heading">{t('newProgramme')}</h2>
        <Field label={t('code')} hint={t('codeHint')}>
          {(control) => (
            <input {...control} name="code" value={code} onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        <Field label={t('nameEn')}>
          {(control) => (
            <input
              {...control}
              name="nameEn"
              lang="en"
              value={nameEn}
              onChange={(e) => setNameEn(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('nameKm')}>
          {(control) => (
            <input
              {...control}
              name="nameKm"
              lang="km"
              value={nameKm}
              onChange={(e) => setNameKm(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('rule')} hint={t('ruleHint')}>
          {(control) => (
            <textarea
              {...control}
              name="rule"
              rows={4}
              className="code"
              value={rule}
              onChange={(e) => setRule(e.target.value)}
            />
          )}
        </Field>
        <div aria-live="polite" data-testid="eligible-count">
          {count.data && (
            <p className="alert alert--success">{t('eligibleCount', { count: count.data.eligibleCount })}</p>
          )}
        </div>
        <ErrorMessage error={count.error} />
        <Field label={t('benefits')} hint={t('benefitsHint')}>
          {(control) => (
            <textarea
              {...control}
              name="benefits"
              rows={8}
              className="code"
              value={benefits}
              onChange={(e) => setBenefits(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={create.error} />
        <button type="submit" className="button" disabled={create.isPending}>
          {t('create')}
        </button>
      </form>
    </>
  );
}
