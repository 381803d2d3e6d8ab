import type { Member } from '@mlob/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useCurrentUser } from '../../auth/session';
import { AreaName } from '../../components/area-name';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import { HouseholdHistory } from './household-history';
import { IdentifiersPanel } from './identifiers-panel';
import { LifeEventForm } from './life-event-form';
import { useHousehold, useVillage } from './registry.api';
import { canPropose, RegistryNav } from './registry-nav';
import './registry.css';

/** One household: members now or as of a date, its full history, and life events to propose. */
export function HouseholdPage() {
  const { t, i18n } = useTranslation('registry');
  const { id = '' } = useParams();
  const [asOf, setAsOf] = useState('');
  const household = useHousehold(id, asOf);
  const isProposer = canPropose(useCurrentUser().role);
  usePageTitle(
    household.data ? t('household.title', { ref: household.data.householdRef }) : t('household.loading'),
  );
  const isKm = i18n.language === 'km';
  const name = (m: Member) => {
    const km = `${m.familyNameKm} ${m.givenNameKm}`;
    const latin = [m.familyNameLatin, m.givenNameLatin].filter(Boolean).join(' ');
    return { primary: isKm ? km : latin || km, secondary: isKm ? latin : km };
  };

  return (
    <>
      <RegistryNav />
      <ErrorMessage error={household.error} />
      {household.data && (
        <>
          <h1>{t('household.title', { ref: household.data.householdRef })}</h1>
          <p>
            {t('household.village')}: <VillageName code={household.data.villageCode} /> ·{' '}
            {t('household.status')}: {t(`householdStatus.${household.data.status}`)} ·{' '}
            {t('household.version', { version: household.data.version })}
          </p>
          {household.data.address && <p>{household.data.address}</p>}
          {household.data.phones.length > 0 && <p>{household.data.phones.join(', ')}</p>}
          <section className="card" aria-labelledby="asof-title">
            <h2 id="asof-title">{t('household.asOfTitle')}</h2>
            <Field label={t('household.asOf')} hint={t('household.asOfHint')}>
              {(control) => (
                <input {...control} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
              )}
            </Field>
          </section>
          <div className="table-wrap">
            <table className="table">
              <caption>{asOf ? t('household.membersOn', { date: asOf }) : t('household.members')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('member.ref')}</th>
                  <th scope="col">{t('member.name')}</th>
                  <th scope="col">{t('member.sex')}</th>
                  <th scope="col">{t('member.birthDate')}</th>
                  <th scope="col">{t('member.relation')}</th>
                  <th scope="col">{t('member.nationalId')}</th>
                  <th scope="col">{t('member.status')}</th>
                </tr>
              </thead>
              <tbody>
                {household.data.members.map((m) => (
                  <tr key={m.id}>
                    <td>{m.memberRef}</td>
                    <td>
                      {name(m).primary}
                      <br />
                      <span className="muted small" lang={isKm ? 'en' : 'km'}>
                        {name(m).secondary}
                      </span>
                    </td>
                    <td>{t(`sex.${m.sex}`)}</td>
                    <td>{m.birthDate ?? '—'}</td>
                    <td>{t(`relation.${m.relationToHead}`)}</td>
                    <td>{m.nationalId ?? '—'}</td>
                    <td>
                      {t(`memberStatus.${m.status}`)}
                      {m.deathDate ? ` (${m.deathDate})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!asOf && <IdentifiersPanel household={household.data} canPropose={isProposer} />}
          {!asOf && isProposer && household.data.status === 'active' && (
            <LifeEventForm key={household.data.version} household={household.data} />
          )}
        </>
      )}
      <HouseholdHistory householdId={id} />
    </>
  );
}

/** A village by name in the reader's script, then its code; the code alone until the name loads. */
function VillageName({ code }: { code: string }) {
  const village = useVillage(code);
  if (!village.data) return code;
  return (
    <>
      <AreaName area={village.data} /> ({code})
    </>
  );
}
