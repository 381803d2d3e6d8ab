import type { ApprovalRule } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { languageOfText } from '../../i18n';
import { fieldErrorsOf, useAddApprovalRule, useApprovalRules } from './registry-admin.api';
import { RegistryNav } from './registry-nav';
import './registry.css';

const KINDS = [
  'new_household',
  'add_member',
  'record_birth',
  'remove_member',
  'correct_field',
  'record_death',
  'move_member',
  'move_household',
  'split_household',
  'merge_households',
  'set_identifier',
] as const;
const LEVELS = ['commune', 'province', 'national'] as const;

/** Approval levels per change kind, with their history; admins and national officers add rules. */
export function ApprovalRulesPage() {
  const { t } = useTranslation('registry');
  usePageTitle(t('rules.title'));
  const me = useCurrentUser();
  const rules = useApprovalRules();
  const canEdit = me.role === 'admin' || me.role === 'national_officer';
  const byKind = new Map<string, ApprovalRule[]>();
  for (const rule of rules.data?.items ?? [])
    byKind.set(rule.changeKind, [...(byKind.get(rule.changeKind) ?? []), rule]);

  return (
    <>
      <h1>{t('rules.title')}</h1>
      <RegistryNav />
      <p className="muted">{t('rules.hint')}</p>
      <ErrorMessage error={rules.error} />
      <div className="table-wrap">
        <table className="table">
          <caption>{t('rules.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rules.kind')}</th>
              <th scope="col">{t('rules.levels')}</th>
              <th scope="col">{t('rules.from')}</th>
              <th scope="col">{t('rules.state')}</th>
              <th scope="col">{t('rules.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.flatMap((kind) =>
              (byKind.get(kind) ?? []).map((rule, i) => (
                <tr key={rule.id} className={rule.state === 'past' ? 'muted' : undefined}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={byKind.get(kind)?.length}>
                      {t(`kinds.${kind}`)}
                    </th>
                  ) : null}
                  <td>{rule.levels.map((l) => t(`levels.${l}`)).join(' → ')}</td>
                  <td>{rule.effectiveFrom}</td>
                  <td>{t(`rules.states.${rule.state}`)}</td>
                  <td lang="en">{rule.reason}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      {canEdit && <AddRuleForm />}
    </>
  );
}

function AddRuleForm() {
  const { t } = useTranslation('registry');
  const add = useAddApprovalRule();
  const [changeKind, setChangeKind] = useState<(typeof KINDS)[number]>('new_household');
  const [levels, setLevels] = useState<string[]>(['commune']);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [reason, setReason] = useState('');
  const errors = fieldErrorsOf(add.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const ordered = LEVELS.filter((l) => levels.includes(l));
    add.mutate({ changeKind, levels: ordered, effectiveFrom, reason });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-rule-title">
      <h2 id="add-rule-title">{t('rules.add')}</h2>
      <p className="muted">{t('rules.addHint')}</p>
      <Field label={t('rules.kind')} error={errors.changeKind}>
        {(control) => (
          <select
            {...control}
            name="changeKind"
            value={changeKind}
            onChange={(e) => setChangeKind(e.target.value as (typeof KINDS)[number])}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className={errors.levels ? 'field field--error choices' : 'field choices'}>
        <legend>{t('rules.levels')}</legend>
        {errors.levels && (
          <p className="field__error" lang={languageOfText(errors.levels)}>
            {errors.levels}
          </p>
        )}
        {LEVELS.map((l) => (
          <label key={l}>
            <input
              type="checkbox"
              name="levels"
              value={l}
              checked={levels.includes(l)}
              onChange={(e) => setLevels(e.target.checked ? [...levels, l] : levels.filter((x) => x !== l))}
            />{' '}
            {t(`levels.${l}`)}{' '}
          </label>
        ))}
      </fieldset>
      <Field label={t('rules.from')} hint={t('rules.fromHint')} error={errors.effectiveFrom}>
        {(control) => (
          <input
            {...control}
            type="date"
            name="effectiveFrom"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('rules.reason')} error={errors.reason}>
        {(control) => (
          <textarea {...control} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        {t('rules.submit')}
      </button>
      <ErrorMessage
        error={add.error}
        fieldLabels={{ levels: t('rules.levels'), effectiveFrom: t('rules.from'), reason: t('rules.reason') }}
      />
      {add.data && (
        <p role="status" className="alert alert--success">
          {t('rules.added', { from: add.data.effectiveFrom })}
        </p>
      )}
    </form>
  );
}
