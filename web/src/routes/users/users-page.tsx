import type { User } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { usePageTitle } from '../../components/page-title';
import { CreateUserForm } from './create-user-form';
import { useUsers } from './users.api';

function scopeText(t: (key: string) => string, scope: User['scope']): string {
  const kind = t(`scopeKinds.${scope.kind}`);
  if (scope.kind === 'areas') return `${kind}: ${(scope.areaCodes ?? []).join(', ')}`;
  if (scope.unitId) return `${kind}: ${scope.unitId}`;
  return kind;
}

/** Administration of users: who exists, with which role and scope; create new ones. */
export function UsersPage() {
  const { t } = useTranslation('users');
  usePageTitle(t('title'));
  const users = useUsers();
  return (
    <>
      <h1>{t('title')}</h1>
      <CreateUserForm />
      <section aria-labelledby="users-list">
        <h2 id="users-list">{t('list')}</h2>
        <ErrorMessage error={users.error} />
        {users.isPending && <p role="status">{t('common:common.loading')}</p>}
        {users.data && users.data.items.length === 0 && <p>{t('empty')}</p>}
        {users.data && users.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('username')}</th>
                  <th scope="col">{t('displayName')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('scope')}</th>
                  <th scope="col">{t('state')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td className="code">{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{t(`common:roles.${u.role}`)}</td>
                    <td>{scopeText(t, u.scope)}</td>
                    <td>{u.isLocked ? t('locked') : u.isActive ? t('active') : t('inactive')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
