import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { useLabDirectory } from './labs.api';
import { labName } from './labs-common';

/** Today in Cambodia (UTC+7), as the default date of a new record. */
export const todayInCambodia = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export const DUE_CLASS: Record<string, string | undefined> = {
  overdue: 'labs-overdue',
  due_soon: 'labs-due-soon',
};

/**
 * The lab whose quality system a page shows: a lab's own staff always see their lab; the Bureau
 * picks one (new records need a lab).
 */
export function useQualityLab() {
  const { t, i18n } = useTranslation('labs');
  const me = useMe();
  const ownLab = me.data?.scope.kind === 'lab' ? me.data.scope.unitId : undefined;
  const isNetwork = me.data?.scope.kind === 'national';
  const directory = useLabDirectory();
  const [chosen, setChosen] = useState('');
  const labCode = ownLab ?? (chosen || undefined);
  const picker = ownLab ? null : (
    <p>
      <label htmlFor="quality-lab">{t('dashboard.lab')}</label>{' '}
      <select id="quality-lab" name="labCode" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t('quality.allLabs')}</option>
        {directory.data?.items.map((lab) => (
          <option key={lab.code} value={lab.code}>
            {lab.code} · {labName(lab, i18n.language)}
          </option>
        ))}
      </select>
    </p>
  );
  return { labCode, picker, isNetwork };
}
