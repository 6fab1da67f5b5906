import type { Session } from '@haven/contract';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { signOut } from '../api/client.js';
import { SIGNING_OUT } from '../session/signing-out.js';

/** Who is signed in, in which role, and the way out; demo accounts say so plainly. */
export function UserMenu({ session }: { readonly session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = session;
  const leaving = useMutation({
    mutationFn: signOut,
    // Even if the server cannot be reached, this tablet forgets the user and everything read:
    // the sign-in page ends the session here once the pages that read data are gone.
    onSettled: () => void navigate('/login', { replace: true, state: SIGNING_OUT }),
  });
  return (
    <section className="user-menu" aria-label={t('session.label')}>
      <p>
        <span className="user-name">{user.displayName}</span>
        <span className="user-role">{t(`roles.${user.role}`)}</span>
        {user.isDemo && <span className="badge badge-demo">{t('session.demo')}</span>}
      </p>
      <button
        type="button"
        onClick={() => leaving.mutate()}
        aria-disabled={leaving.isPending || undefined}
      >
        {leaving.isPending ? t('session.signingOut') : t('session.signOut')}
      </button>
    </section>
  );
}
