import { MfaConfirmation, type MfaEnrolled } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { QRCodeSVG } from 'qrcode.react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { confirmMfaEnrolment, startMfaEnrolment } from '../api/client.js';
import { ProblemError } from '../api/problem-error.js';
import { TextField } from '../components/text-field.js';
import { firstErrorPerField, type FormError } from '../forms/form-errors.js';
import { problemText } from '../i18n/problem-text.js';
import { homePathOf, returnPathOf } from '../session/permissions.js';
import { AUTHENTICATOR_SETUP_PATH, secondFactorRedirect } from '../session/second-factor.js';
import { SESSION_QUERY_KEY, startSession, useSessionQuery } from '../session/session-query.js';

/** Whole minutes to wait, rounded up. */
const minutesOf = (seconds: number): number => Math.max(1, Math.ceil(seconds / 60));

/** The base32 secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

function failureTextOf(failure: Error | null, t: TFunction) {
  if (failure === null || (failure instanceof ProblemError && failure.errors.length > 0)) {
    return undefined;
  }
  if (failure instanceof ProblemError && failure.code === 'locked') {
    return failure.retryAfterSeconds === undefined
      ? t('signIn.lockedLater')
      : t('signIn.locked', { count: minutesOf(failure.retryAfterSeconds) });
  }
  return problemText(failure, t);
}

/** The recovery codes, shown once, and the step that makes sure they were saved. */
function RecoveryCodes({
  enrolled,
  onDone,
}: {
  readonly enrolled: MfaEnrolled;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const savedId = useId();
  const [isSaved, setIsSaved] = useState(false);
  return (
    <section aria-labelledby={`${savedId}-title`}>
      <p className="banner banner-success" role="status">
        {t('authenticator.enrolled')}
      </p>
      <h2 id={`${savedId}-title`}>{t('authenticator.recoveryTitle')}</h2>
      <p>{t('authenticator.recoveryIntro')}</p>
      <ol className="recovery-codes" aria-label={t('authenticator.recoveryTitle')}>
        {enrolled.recoveryCodes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="checkbox">
        <input
          type="checkbox"
          id={savedId}
          checked={isSaved}
          onChange={(event) => setIsSaved(event.target.checked)}
        />
        <label htmlFor={savedId}>{t('authenticator.saved')}</label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          aria-disabled={!isSaved || undefined}
          onClick={() => {
            if (isSaved) {
              onDone();
            }
          }}
        >
          {t('authenticator.continue')}
        </button>
      </div>
    </section>
  );
}

/**
 * Setting up the authenticator app (issue 7): a new secret as a QR code and as text, confirmed
 * by a first code; then the ten recovery codes, shown once, before going on.
 */
export function AuthenticatorSetupPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const returnPath = returnPathOf(params.get('next'));
  const current = useSessionQuery();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const enrolment = useMutation({
    mutationFn: startMfaEnrolment,
    onError: (error) => {
      // Set up already (in another tab): the session now asks for a code instead.
      if (error instanceof ProblemError && error.code === 'mfa-enrolled') {
        void queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY });
      }
    },
  });
  const confirmation = useMutation({ mutationFn: confirmMfaEnrolment });

  // The recovery codes stay on screen until the user says they saved them, whatever the
  // session says meanwhile: they are never shown again.
  if (confirmation.data) {
    return (
      <div className="sign-in">
        <title>{`${t('authenticator.title')} · ${t('app.name')}`}</title>
        <h1>{t('authenticator.title')}</h1>
        <RecoveryCodes
          enrolled={confirmation.data}
          onDone={() => {
            const { session } = confirmation.data;
            startSession(queryClient, session);
            void navigate(returnPath ?? homePathOf(session), { replace: true });
          }}
        />
      </div>
    );
  }
  if (current.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  const redirect = secondFactorRedirect(current.data ?? null, AUTHENTICATOR_SETUP_PATH, returnPath);
  if (redirect) {
    return <Navigate to={redirect} replace />;
  }

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmation.isPending) {
      return;
    }
    const checked = MfaConfirmation.safeParse({ code: code.replace(/\s+/g, '') });
    if (!checked.success) {
      setErrors(
        firstErrorPerField(
          checked.error.issues.map((issue) => ({
            field: 'code',
            message: issue.message,
            code: issue.code,
          })),
        ),
      );
      return;
    }
    setErrors([]);
    confirmation.mutate(checked.data.code, {
      onError: (error) => {
        setCode('');
        if (error instanceof ProblemError && error.errors.length > 0) {
          setErrors(firstErrorPerField(error.errors));
        }
      },
    });
  };

  const secret = enrolment.data;
  const failureText = failureTextOf(enrolment.error ?? confirmation.error, t);
  return (
    <div className="sign-in">
      <title>{`${t('authenticator.title')} · ${t('app.name')}`}</title>
      <h1>{t('authenticator.title')}</h1>
      <p className="intro">{t('authenticator.intro')}</p>
      {failureText && (
        <p className="banner banner-error" role="alert">
          {failureText}
        </p>
      )}
      {secret === undefined ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            aria-disabled={enrolment.isPending || undefined}
            onClick={() => {
              if (!enrolment.isPending) {
                enrolment.mutate();
              }
            }}
          >
            {enrolment.isPending ? t('authenticator.starting') : t('authenticator.start')}
          </button>
        </div>
      ) : (
        <form onSubmit={confirm} noValidate>
          <p>{t('authenticator.scan')}</p>
          <div className="qr-code">
            <QRCodeSVG
              value={secret.uri}
              size={200}
              marginSize={4}
              title={t('authenticator.qrLabel')}
              role="img"
              aria-label={t('authenticator.qrLabel')}
            />
          </div>
          <p>{t('authenticator.manual')}</p>
          <p>
            <code className="secret-key" aria-label={t('authenticator.secretLabel')}>
              {grouped(secret.secret)}
            </code>
          </p>
          <p>{t('authenticator.confirmIntro')}</p>
          <TextField
            field="code"
            label={t('secondFactor.code')}
            hint={t('secondFactor.codeHint')}
            value={code}
            onChange={(text) => {
              setCode(text);
              setErrors([]);
            }}
            errors={errors}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
          />
          <div className="actions">
            <button
              type="submit"
              className="primary"
              aria-disabled={confirmation.isPending || undefined}
            >
              {confirmation.isPending ? t('authenticator.confirming') : t('authenticator.confirm')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
