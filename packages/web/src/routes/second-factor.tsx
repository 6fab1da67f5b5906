import { MfaVerification } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { passWithSecurityKey, verifySecondFactor } from '../api/client.js';
import { ProblemError } from '../api/problem-error.js';
import { TextField } from '../components/text-field.js';
import { firstErrorPerField, type FormError } from '../forms/form-errors.js';
import { returnPathOf } from '../session/permissions.js';
import { SECOND_FACTOR_PATH, secondFactorRedirect } from '../session/second-factor.js';
import { canUseSecurityKeys, securityKeyFailureText } from '../session/security-keys.js';
import { startSession, useSessionQuery } from '../session/session-query.js';
import { signInFailureText } from '../session/sign-in-failure.js';

type Field = 'code' | 'recoveryCode';

/**
 * The second step of signing in (issue 7): a security key where the user has one and the
 * browser offers it, the code of the authenticator app, or one of the recovery codes.
 * Afterwards the page the user came for.
 */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const returnPath = returnPathOf(params.get('next'));
  const current = useSessionQuery();
  const [chosenField, setField] = useState<Field>();
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const submission = useMutation({ mutationFn: verifySecondFactor });
  const keyStep = useMutation({ mutationFn: passWithSecurityKey });

  if (current.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  const redirect = secondFactorRedirect(current.data ?? null, SECOND_FACTOR_PATH, returnPath);
  if (redirect) {
    return <Navigate to={redirect} replace />;
  }

  const methods = current.data?.secondFactorMethods ?? [];
  const hasApp = methods.includes('authenticator-app');
  const offersKey = methods.includes('security-key') && canUseSecurityKeys();
  const field = chosenField ?? (hasApp ? 'code' : 'recoveryCode');

  const useKey = () => {
    if (!keyStep.isPending) {
      submission.reset();
      keyStep.mutate(undefined, { onSuccess: (session) => startSession(queryClient, session) });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submission.isPending) {
      return;
    }
    // Authenticator apps show the code as "123 456"; either way is fine.
    const input = field === 'code' ? { code: value.replace(/\s+/g, '') } : { recoveryCode: value };
    const checked = MfaVerification.safeParse(input);
    if (!checked.success) {
      setErrors(
        firstErrorPerField(
          // Only the field on screen is sent: every issue is about it.
          checked.error.issues.map((issue) => ({
            field,
            message: issue.message,
            code: issue.code,
          })),
        ),
      );
      return;
    }
    setErrors([]);
    submission.mutate(checked.data, {
      onSuccess: (session) => startSession(queryClient, session),
      onError: (error) => {
        setValue('');
        if (error instanceof ProblemError && error.errors.length > 0) {
          setErrors(firstErrorPerField(error.errors));
        }
      },
    });
  };

  const switchTo = (next: Field) => {
    setField(next);
    setValue('');
    setErrors([]);
    submission.reset();
    keyStep.reset();
  };

  const failureText =
    securityKeyFailureText(keyStep.error, t) ?? signInFailureText(submission.error, t);

  return (
    <div className="sign-in">
      <title>{`${t('secondFactor.title')} · ${t('app.name')}`}</title>
      <h1>{t('secondFactor.title')}</h1>
      {failureText && (
        <p className="banner banner-error" role="alert">
          {failureText}
        </p>
      )}
      {offersKey && (
        <section className="security-key-step">
          <p className="intro">{t('securityKey.verifyIntro')}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              aria-disabled={keyStep.isPending || undefined}
              onClick={useKey}
            >
              {keyStep.isPending ? t('securityKey.waiting') : t('securityKey.use')}
            </button>
          </div>
          <p className="hint">{t('securityKey.orCode')}</p>
        </section>
      )}
      <p className="intro">
        {field === 'code' ? t('secondFactor.intro') : t('secondFactor.recoveryIntro')}
      </p>
      <form onSubmit={submit} noValidate>
        {field === 'code' ? (
          <TextField
            key="code"
            field="code"
            label={t('secondFactor.code')}
            hint={t('secondFactor.codeHint')}
            value={value}
            onChange={(text) => {
              setValue(text);
              setErrors([]);
            }}
            errors={errors}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
          />
        ) : (
          <TextField
            key="recoveryCode"
            field="recoveryCode"
            label={t('secondFactor.recoveryCode')}
            hint={t('secondFactor.recoveryHint')}
            value={value}
            onChange={(text) => {
              setValue(text);
              setErrors([]);
            }}
            errors={errors}
            autoComplete="off"
            maxLength={64}
          />
        )}
        <div className="actions">
          <button
            type="submit"
            className={offersKey ? 'secondary' : 'primary'}
            aria-disabled={submission.isPending || undefined}
          >
            {submission.isPending ? t('secondFactor.submitting') : t('secondFactor.submit')}
          </button>
          {hasApp && (
            <button
              type="button"
              className="secondary"
              onClick={() => switchTo(field === 'code' ? 'recoveryCode' : 'code')}
            >
              {field === 'code' ? t('secondFactor.useRecovery') : t('secondFactor.useCode')}
            </button>
          )}
        </div>
      </form>
      <p className="hint">{t('secondFactor.lostPhone')}</p>
    </div>
  );
}
