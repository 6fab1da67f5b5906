import { LoginInput } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { signIn } from '../api/client.js';
import { ProblemError } from '../api/problem-error.js';
import { TextField } from '../components/text-field.js';
import { fieldName, firstErrorPerField, type FormError } from '../forms/form-errors.js';
import { homePathOf, returnPathOf } from '../session/permissions.js';
import { secondFactorPathOf } from '../session/second-factor.js';
import { signInFailureText } from '../session/sign-in-failure.js';
import { forgetReadData, startSession, useSessionQuery } from '../session/session-query.js';
import { isSigningOut } from '../session/signing-out.js';

type Field = 'username' | 'password';

/** Whole minutes to wait, rounded up: "try again in 0 minutes" would be a lie. */

/** Username and password; afterwards the page the user came from, or the first page of their role. */
export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const isLeaving = isSigningOut(location.state);
  const returnPath = returnPathOf(params.get('next'));
  const current = useSessionQuery();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const submission = useMutation({ mutationFn: signIn });

  // Whoever comes here (signed out, or their session ended) leaves nothing readable behind.
  useEffect(() => {
    if (isLeaving) {
      startSession(queryClient, null);
      // Forget the state too: going back here must not end the next user's session.
      void navigate('/login', { replace: true });
    } else if (current.data === null) {
      forgetReadData(queryClient);
    }
  }, [isLeaving, current.data, queryClient, navigate]);

  // Signed in already, or just now: on to the page the user came for, through the second
  // factor when the session still owes it.
  if (current.data && !isLeaving) {
    const secondFactorPath = secondFactorPathOf(current.data);
    const next = returnPath ? `?${new URLSearchParams({ next: returnPath }).toString()}` : '';
    return (
      <Navigate
        to={
          secondFactorPath ? `${secondFactorPath}${next}` : (returnPath ?? homePathOf(current.data))
        }
        replace
      />
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submission.isPending) {
      return;
    }
    const checked = LoginInput.safeParse({ username, password });
    if (!checked.success) {
      setErrors(
        firstErrorPerField(
          checked.error.issues.map((issue) => ({
            field: fieldName(issue.path),
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
        // The password is never kept for another try: the user types it again.
        setPassword('');
        if (error instanceof ProblemError && error.errors.length > 0) {
          setErrors(firstErrorPerField(error.errors));
        }
      },
    });
  };

  const errorsAt = (field: Field) => errors.filter((error) => error.field === field);
  const failure = submission.error;
  const failureText =
    failure instanceof ProblemError &&
    failure.errors.length === 0 &&
    failure.code === 'invalid-credentials'
      ? t('signIn.invalidCredentials')
      : signInFailureText(failure, t);

  return (
    <div className="sign-in">
      <title>{`${t('signIn.title')} · ${t('app.name')}`}</title>
      <h1>{t('signIn.title')}</h1>
      <p className="intro">{returnPath ? t('signIn.continue') : t('signIn.intro')}</p>
      <form onSubmit={submit} noValidate>
        {failureText && (
          <p className="banner banner-error" role="alert">
            {failureText}
          </p>
        )}
        <TextField
          field="username"
          label={t('signIn.username')}
          value={username}
          onChange={(value) => {
            setUsername(value);
            setErrors((current) => current.filter((error) => error.field !== 'username'));
          }}
          errors={errorsAt('username')}
          autoComplete="username"
          maxLength={64}
        />
        <TextField
          field="password"
          type="password"
          label={t('signIn.password')}
          value={password}
          onChange={(value) => {
            setPassword(value);
            setErrors((current) => current.filter((error) => error.field !== 'password'));
          }}
          errors={errorsAt('password')}
          autoComplete="current-password"
          maxLength={128}
        />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            aria-disabled={submission.isPending || undefined}
          >
            {submission.isPending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
