import type { RoleName } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ROLES } from '../../auth/roles';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { type ScopeKind, useCreateUser } from './users.api';

const SCOPE_KINDS: ScopeKind[] = ['national', 'areas', 'facility', 'lab', 'school'];

const EMPTY = {
  username: '',
  displayName: '',
  password: '',
  role: 'village_chief' as RoleName,
  scopeKind: 'areas' as ScopeKind,
  areaCodes: '',
  unitId: '',
  locale: 'km' as 'km' | 'en',
};

/** Creates a user; the server validates, and its messages appear on the fields they name. */
export function CreateUserForm() {
  const { t } = useTranslation('users');
  const create = useCreateUser();
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const areaError = Object.entries(errors).find(([k]) => k.startsWith('scopeAreaCodes'))?.[1];

  function set<K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) {
    setForm((f) => ({ ...f, [key]: value }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
        role: form.role,
        scopeKind: form.scopeKind,
        scopeAreaCodes:
          form.scopeKind === 'areas'
            ? form.areaCodes
                .split(/[\s,]+/)
                .map((c) => c.trim())
                .filter(Boolean)
            : undefined,
        scopeUnitId: ['facility', 'lab', 'school'].includes(form.scopeKind) ? form.unitId.trim() : undefined,
        locale: form.locale,
      },
      {
        onSuccess: (user) => {
          setCreated(t('created', { username: user.username }));
          setForm(EMPTY);
        },
      },
    );
  }

  const fieldLabels = {
    username: t('username'),
    displayName: t('displayName'),
    password: t('password'),
    role: t('role'),
    scopeKind: t('scopeKind'),
    scopeUnitId: t('unitId'),
  };
  return (
    <details className="card">
      <summary>
        <h2 className="inline-heading">{t('create')}</h2>
      </summary>
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <div aria-live="polite">{created && <p className="alert alert--success">{created}</p>}</div>
        <ErrorMessage error={create.error} fieldLabels={fieldLabels} />
        <div className="form-grid">
          <Field label={fieldLabels.username} error={errors.username}>
            {(c) => (
              <input
                {...c}
                autoComplete="off"
                value={form.username}
                onChange={(e) => set('username', e.target.value)}
              />
            )}
          </Field>
          <Field label={fieldLabels.displayName} error={errors.displayName}>
            {(c) => (
              <input {...c} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} />
            )}
          </Field>
          <Field label={fieldLabels.password} hint={t('passwordHint')} error={errors.password}>
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => set('password', e.target.value)}
              />
            )}
          </Field>
          <Field label={fieldLabels.role} error={errors.role}>
            {(c) => (
              <select {...c} value={form.role} onChange={(e) => set('role', e.target.value as RoleName)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`common:roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={fieldLabels.scopeKind} error={errors.scopeKind}>
            {(c) => (
              <select
                {...c}
                value={form.scopeKind}
                onChange={(e) => set('scopeKind', e.target.value as ScopeKind)}
              >
                {SCOPE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`scopeKinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.scopeKind === 'areas' && (
            <Field label={t('areaCodes')} hint={t('areaCodesHint')} error={areaError}>
              {(c) => (
                <input {...c} value={form.areaCodes} onChange={(e) => set('areaCodes', e.target.value)} />
              )}
            </Field>
          )}
          {['facility', 'lab', 'school'].includes(form.scopeKind) && (
            <Field label={fieldLabels.scopeUnitId} error={errors.scopeUnitId}>
              {(c) => <input {...c} value={form.unitId} onChange={(e) => set('unitId', e.target.value)} />}
            </Field>
          )}
          <Field label={t('language')}>
            {(c) => (
              <select
                {...c}
                value={form.locale}
                onChange={(e) => set('locale', e.target.value as 'km' | 'en')}
              >
                <option value="km" lang="km">
                  ខ្មែរ
                </option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common:common.saving') : t('submit')}
        </button>
      </form>
    </details>
  );
}
