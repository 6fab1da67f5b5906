import type { Programme } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  cashKeys,
  openProgramme,
  useProgrammes,
  useProgrammeTemplates,
} from '../api/cash-assistance.js';
import { CalendarDate } from '../components/calendar-date.js';
import { LabelledField } from '../components/labelled-field.js';
import { LoadFailure } from '../components/load-failure.js';
import { Money } from '../components/money.js';
import { Refusal } from '../components/refusal.js';
import { countryName } from '../i18n/code-labels.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

/** The transfer value of a programme in words: first person, each additional member, the cap. */
export function TransferLine({
  programme,
}: {
  readonly programme: Pick<Programme, 'transfer' | 'currency'>;
}) {
  const { t } = useTranslation();
  const { transfer, currency } = programme;
  return (
    <>
      <Money amountMinor={transfer.firstPersonMinor} currency={currency} />{' '}
      {t('cash.programmes.firstPerson')}, +
      <Money amountMinor={transfer.additionalPersonMinor} currency={currency} />{' '}
      {t('cash.programmes.additionalPerson')}
      {transfer.householdCapMinor !== null && (
        <>
          , {t('cash.programmes.cap')}{' '}
          <Money amountMinor={transfer.householdCapMinor} currency={currency} />
        </>
      )}
    </>
  );
}

/** Cash programmes in the welfare officer's countries, and opening one from the rules data. */
export function CashProgrammesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const session = useSignedIn();
  const programmes = useProgrammes();
  return (
    <>
      <title>{`${t('cash.programmes.title')} · ${t('app.name')}`}</title>
      <h1>{t('cash.programmes.title')}</h1>
      <p className="intro">{t('cash.programmes.intro')}</p>
      {programmes.isPending && <p role="status">{t('common.loading')}</p>}
      {programmes.isError && (
        <LoadFailure error={programmes.error} onRetry={() => void programmes.refetch()} />
      )}
      {programmes.isSuccess && programmes.data.items.length === 0 && (
        <p role="status">{t('cash.programmes.empty')}</p>
      )}
      {programmes.isSuccess && programmes.data.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('cash.programmes.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cash.programmes.name')}</th>
                <th scope="col">{t('cash.programmes.country')}</th>
                <th scope="col">{t('cash.programmes.transfer')}</th>
                <th scope="col">{t('cash.programmes.validity')}</th>
              </tr>
            </thead>
            <tbody>
              {programmes.data.items.map((programme) => (
                <tr key={programme.id}>
                  <th scope="row">
                    <Link to={`/cash/programmes/${programme.id}`}>{programme.name}</Link>
                  </th>
                  <td>{countryName(programme.countryCode, language)}</td>
                  <td>
                    <TransferLine programme={programme} />
                  </td>
                  <td className="nowrap">
                    <CalendarDate value={programme.validFrom} /> –{' '}
                    <CalendarDate value={programme.validTo} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasPermission(session, 'cash:manage') && <OpenProgrammeForm />}
    </>
  );
}

function OpenProgrammeForm() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const templates = useProgrammeTemplates();
  const [templateId, setTemplateId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const open = useMutation({
    mutationFn: openProgramme,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cashKeys.programmes }),
  });
  // Only the rules of the officer's own countries.
  const offered =
    templates.data?.items.filter((template) =>
      session.user.countries.includes(template.countryCode),
    ) ?? [];
  const chosen = offered.find((template) => template.id === templateId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) {
      setError(t('cash.programmes.templateRequired'));
      return;
    }
    setError(undefined);
    open.mutate({ templateId: chosen.id });
  };
  return (
    <form className="section" onSubmit={submit} noValidate aria-labelledby="open-programme-title">
      <h2 id="open-programme-title">{t('cash.programmes.openTitle')}</h2>
      <p className="hint">{t('cash.programmes.openIntro')}</p>
      <LabelledField id="programme-template" label={t('cash.programmes.template')} error={error}>
        <select
          id="programme-template"
          value={templateId}
          onChange={(event) => setTemplateId(event.target.value)}
        >
          <option value="">{t('common.choose')}</option>
          {offered.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name} ({countryName(template.countryCode, language)})
            </option>
          ))}
        </select>
      </LabelledField>
      {chosen && (
        <dl className="facts">
          <dt>{t('cash.programmes.transfer')}</dt>
          <dd>
            <TransferLine programme={chosen} />
          </dd>
          <dt>{t('cash.programmes.periods')}</dt>
          <dd>{chosen.periodsPerEnrolment}</dd>
          <dt>{t('cash.programmes.source')}</dt>
          <dd>
            {chosen.source.url ? (
              <a href={chosen.source.url} target="_blank" rel="noreferrer">
                {chosen.source.title}
              </a>
            ) : (
              chosen.source.title
            )}
            {!chosen.source.verified && (
              <span className="badge badge-unverified">{t('cash.programmes.unverified')}</span>
            )}
          </dd>
        </dl>
      )}
      <Refusal error={open.error} />
      {open.isSuccess && (
        <div className="banner banner-success" role="status">
          <p>{t('cash.programmes.opened', { name: open.data.name })}</p>
          <Link to={`/cash/programmes/${open.data.id}`}>{t('cash.programmes.openIt')}</Link>
        </div>
      )}
      <button type="submit" className="primary" aria-disabled={open.isPending || undefined}>
        {t('cash.programmes.openSubmit')}
      </button>
    </form>
  );
}
