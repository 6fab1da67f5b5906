import { UserInput, type Site, type User } from '@haven/contract';
import { ROLES, type Role } from '@haven/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeUser, createUser, listUsers, resetSecondFactor } from '../api/client.js';
import { ProblemError } from '../api/problem-error.js';
import { useHostCountries, useSites } from '../api/queries.js';
import { FieldErrors } from '../components/field-errors.js';
import { LoadFailure } from '../components/load-failure.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { fieldId, fieldName, firstErrorPerField, type FormError } from '../forms/form-errors.js';
import { countryName } from '../i18n/code-labels.js';
import { problemText } from '../i18n/problem-text.js';
import { useSignedIn } from '../session/signed-in.js';

const USERS_QUERY_KEY = ['users'] as const;

/** The people who use Haven: who they are, their role and scope; add one, disable one. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: USERS_QUERY_KEY, queryFn: listUsers });
  const sites = useSites();
  return (
    <>
      <title>{`${t('users.title')} · ${t('app.name')}`}</title>
      <h1>{t('users.title')}</h1>
      <p className="intro">{t('users.intro')}</p>
      {(users.isPending || sites.isPending) && <p role="status">{t('common.loading')}</p>}
      {users.isError && <LoadFailure error={users.error} onRetry={() => void users.refetch()} />}
      {/* Scopes name sites: wait for their names rather than flash their ids. */}
      {users.isSuccess &&
        !sites.isPending &&
        (users.data.length === 0 ? (
          <p role="status">{t('users.empty')}</p>
        ) : (
          <UsersTable users={users.data} sites={sites.data ?? []} />
        ))}
      <NewUserForm sites={sites.data ?? []} />
    </>
  );
}

function UsersTable({
  users,
  sites,
}: {
  readonly users: readonly User[];
  readonly sites: readonly Site[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSignedIn().user;
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (user: User) => changeUser(user.id, { disabled: !user.disabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
  // A lost phone: the authenticator goes, and the user sets up a new one at the next sign-in.
  const reset = useMutation({ mutationFn: (user: User) => resetSecondFactor(user.id) });
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id;
  return (
    <>
      {reset.isSuccess && (
        <p className="banner banner-success" role="status">
          {t('users.secondFactorReset', { name: reset.variables.displayName })}
        </p>
      )}
      {reset.isError && (
        <LoadFailure
          error={reset.error}
          onRetry={() => reset.variables && reset.mutate(reset.variables)}
        />
      )}
      {toggle.isError && (
        <LoadFailure
          error={toggle.error}
          onRetry={() => toggle.variables && toggle.mutate(toggle.variables)}
        />
      )}
      <div className="table-scroll">
        <table className="users">
          <caption className="visually-hidden">{t('users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.columns.name')}</th>
              <th scope="col">{t('users.columns.username')}</th>
              <th scope="col">{t('users.columns.role')}</th>
              <th scope="col">{t('users.columns.scope')}</th>
              <th scope="col">{t('users.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  {user.displayName}
                  {user.id === me.id && <span className="muted"> ({t('users.you')})</span>}
                  {user.isDemo && <span className="badge badge-demo">{t('session.demo')}</span>}
                </th>
                <td data-label={t('users.columns.username')}>
                  <span className="code">{user.username}</span>
                </td>
                <td data-label={t('users.columns.role')}>{t(`roles.${user.role}`)}</td>
                <td data-label={t('users.columns.scope')}>
                  {[
                    ...user.countries.map((code) => countryName(code, language)),
                    ...user.siteIds.map(siteName),
                  ].join(', ')}
                </td>
                <td data-label={t('users.columns.status')}>
                  {user.disabled ? t('users.disabled') : t('users.active')}
                  {user.id !== me.id && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t(user.disabled ? 'users.enableLabel' : 'users.disableLabel', {
                          name: user.displayName,
                        })}
                        aria-disabled={toggle.isPending || undefined}
                        onClick={() => !toggle.isPending && toggle.mutate(user)}
                      >
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </button>{' '}
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('users.resetSecondFactorLabel', { name: user.displayName })}
                        aria-disabled={reset.isPending || undefined}
                        onClick={() => !reset.isPending && reset.mutate(user)}
                      >
                        {t('users.resetSecondFactor')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface UserDraft {
  readonly displayName: string;
  readonly username: string;
  readonly password: string;
  readonly role: Role | '';
  readonly countries: readonly string[];
  readonly siteIds: readonly string[];
}

const EMPTY_USER: UserDraft = {
  displayName: '',
  username: '',
  password: '',
  role: '',
  countries: [],
  siteIds: [],
};

const toggled = (values: readonly string[], value: string, isOn: boolean): string[] =>
  isOn ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);

function NewUserForm({ sites }: { readonly sites: readonly Site[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<UserDraft>(EMPTY_USER);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [created, setCreated] = useState<string | undefined>(undefined);
  const creation = useMutation({ mutationFn: createUser });
  const countries = useHostCountries().data ?? [];
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  const set = (change: Partial<UserDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setErrors((current) => current.filter((error) => !Object.hasOwn(change, error.field)));
    setCreated(undefined);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (creation.isPending) {
      return;
    }
    const checked = UserInput.safeParse(draft);
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
    creation.mutate(checked.data, {
      onSuccess: (user) => {
        setDraft(EMPTY_USER);
        setCreated(user.displayName);
        void queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      },
      onError: (error) => {
        if (error instanceof ProblemError && error.status === 409) {
          setErrors([{ field: 'username', message: t('users.usernameTaken') }]);
        } else if (error instanceof ProblemError && error.errors.length > 0) {
          setErrors(firstErrorPerField(error.errors));
        }
      },
    });
  };

  const failure = creation.error;
  const isShownAtFields =
    failure instanceof ProblemError && (failure.status === 409 || failure.errors.length > 0);
  return (
    <form onSubmit={submit} noValidate className="section" aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.createTitle')}</h2>
      {created && (
        <p className="banner banner-success" role="status">
          {t('users.created', { name: created })}
        </p>
      )}
      <div className="grid">
        <TextField
          field="displayName"
          label={t('users.displayName')}
          value={draft.displayName}
          onChange={(displayName) => set({ displayName })}
          errors={errorsAt('displayName')}
          autoComplete="off"
          maxLength={200}
        />
        <TextField
          field="username"
          label={t('users.username')}
          hint={t('users.usernameHint')}
          value={draft.username}
          onChange={(username) => set({ username })}
          errors={errorsAt('username')}
          autoComplete="off"
          maxLength={64}
        />
        <TextField
          field="password"
          type="password"
          label={t('users.password')}
          hint={t('users.passwordHint')}
          value={draft.password}
          onChange={(password) => set({ password })}
          errors={errorsAt('password')}
          autoComplete="new-password"
          maxLength={128}
        />
        <SelectField
          field="role"
          label={t('users.role')}
          value={draft.role}
          onChange={(value) => set({ role: ROLES.find((role) => role === value) ?? '' })}
          errors={errorsAt('role')}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <Checkboxes
        field="countries"
        legend={t('users.countries')}
        options={countries.map(({ code }) => ({ value: code, label: countryName(code, language) }))}
        selected={draft.countries}
        onChange={(countries) => set({ countries })}
        errors={errorsAt('countries')}
      />
      <Checkboxes
        field="siteIds"
        legend={t('users.sites')}
        options={sites.map((site) => ({
          value: site.id,
          label: `${site.name} (${countryName(site.countryCode, language)})`,
        }))}
        selected={draft.siteIds}
        onChange={(siteIds) => set({ siteIds })}
        errors={errorsAt('siteIds')}
      />
      <div className="actions">
        {failure && !isShownAtFields && (
          <p className="banner banner-error" role="alert">
            {problemText(failure, t)}
          </p>
        )}
        <button type="submit" className="primary" aria-disabled={creation.isPending || undefined}>
          {creation.isPending ? t('users.creating') : t('users.create')}
        </button>
      </div>
    </form>
  );
}

interface CheckboxesProps {
  readonly field: string;
  readonly legend: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
  readonly errors: readonly FormError[];
}

function Checkboxes({ field, legend, options, selected, onChange, errors }: CheckboxesProps) {
  const id = fieldId(field);
  return (
    <fieldset
      className="subgroup"
      id={id}
      aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      <FieldErrors id={`${id}-error`} errors={errors} />
      <div className="checkboxes">
        {options.map((option) => (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={`${id}-${option.value}`}
              checked={selected.includes(option.value)}
              onChange={(event) => onChange(toggled(selected, option.value, event.target.checked))}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
