import type {
  NewSchoolEnrolment,
  NewWorkAuthorisation,
  SchoolEnrolment,
  SchoolEnrolmentUpdate,
  WorkAuthorisation,
} from '@haven/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarDate } from './calendar-date.js';
import { describedByOf, LabelledField } from './labelled-field.js';
import { Refusal } from './refusal.js';
import { todayIso } from './status-change-form.js';

const BASES = ['status', 'employer-notification', 'permit'] as const;
type Basis = (typeof BASES)[number];
const isBasis = (value: string): value is Basis => BASES.some((basis) => basis === value);

interface WriteState {
  readonly isPending: boolean;
  readonly error: Error | null;
}

/** Work authorisations in a country, and the form to record one (issue 6 item 3). */
export function WorkAuthorisations({
  countryCode,
  records,
  canRecord,
  onRecord,
  state,
}: {
  readonly countryCode: string;
  readonly records: readonly WorkAuthorisation[];
  readonly canRecord: boolean;
  readonly onRecord: (input: NewWorkAuthorisation) => void;
  readonly state: WriteState;
}) {
  const { t } = useTranslation();
  const [basis, setBasis] = useState<Basis>('status');
  const [validFrom, setValidFrom] = useState(todayIso);
  const [notifiedOn, setNotifiedOn] = useState('');
  const id = `work-${countryCode}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onRecord({
      countryCode,
      basis,
      validFrom,
      ...(basis === 'employer-notification' && notifiedOn
        ? { employerNotifiedOn: notifiedOn }
        : {}),
    });
  };
  return (
    <div className="record-group">
      <h4>{t('protection.work.title')}</h4>
      {records.length === 0 ? (
        <p className="muted">{t('protection.work.none')}</p>
      ) : (
        <ul className="plain">
          {records.map((record) => (
            <li key={record.id}>
              {t(`protection.workBases.${record.basis}`)}, {t('protection.timeline.from')}{' '}
              <CalendarDate value={record.validFrom} />
              {record.validUntil && (
                <>
                  {' '}
                  {t('protection.timeline.until')} <CalendarDate value={record.validUntil} />
                </>
              )}
              <span className="muted"> — {record.recordedBy.name}</span>
            </li>
          ))}
        </ul>
      )}
      {canRecord && (
        <form onSubmit={submit} noValidate aria-label={t('protection.work.formLabel')}>
          <div className="grid">
            <LabelledField id={`${id}-basis`} label={t('protection.work.basis')}>
              <select
                id={`${id}-basis`}
                value={basis}
                onChange={(event) => {
                  if (isBasis(event.target.value)) {
                    setBasis(event.target.value);
                  }
                }}
              >
                {BASES.map((option) => (
                  <option key={option} value={option}>
                    {t(`protection.workBases.${option}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField id={`${id}-from`} label={t('protection.work.validFrom')}>
              <input
                id={`${id}-from`}
                type="date"
                value={validFrom}
                onChange={(event) => setValidFrom(event.target.value)}
              />
            </LabelledField>
            {basis === 'employer-notification' && (
              <LabelledField
                id={`${id}-notified`}
                label={t('protection.work.employerNotifiedOn')}
                hint={t('protection.work.employerNotifiedHint')}
              >
                <input
                  id={`${id}-notified`}
                  type="date"
                  value={notifiedOn}
                  onChange={(event) => setNotifiedOn(event.target.value)}
                  {...describedByOf(`${id}-notified`, { hasHint: true })}
                />
              </LabelledField>
            )}
          </div>
          <Refusal error={state.error} />
          <button type="submit" className="secondary" aria-disabled={state.isPending || undefined}>
            {t('protection.work.submit')}
          </button>
        </form>
      )}
    </div>
  );
}

/** School enrolments of a minor in a country, and the form to request one. */
export function SchoolEnrolments({
  countryCode,
  records,
  canRecord,
  onRequest,
  onUpdate,
  state,
}: {
  readonly countryCode: string;
  readonly records: readonly SchoolEnrolment[];
  readonly canRecord: boolean;
  readonly onRequest: (input: NewSchoolEnrolment) => void;
  /** Marks a requested enrolment enrolled or withdrawn. */
  readonly onUpdate: (enrolmentId: string, input: SchoolEnrolmentUpdate) => void;
  readonly state: WriteState;
}) {
  const { t } = useTranslation();
  const [schoolName, setSchoolName] = useState('');
  const [place, setPlace] = useState('');
  const id = `school-${countryCode}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onRequest({
      countryCode,
      requestedOn: todayIso(),
      ...(schoolName.trim() ? { schoolName: schoolName.trim() } : {}),
      ...(place.trim() ? { place: place.trim() } : {}),
    });
  };
  return (
    <div className="record-group">
      <h4>{t('protection.school.title')}</h4>
      {records.length === 0 ? (
        <p className="muted">{t('protection.school.none')}</p>
      ) : (
        <ul className="plain">
          {records.map((record) => (
            <li key={record.id}>
              {t(`protection.schoolStatuses.${record.status}`)}
              {record.schoolName && `: ${record.schoolName}`}
              {record.place && `, ${record.place}`} ({t('protection.school.requestedOn')}{' '}
              <CalendarDate value={record.requestedOn} />)
              {canRecord && record.status === 'requested' && (
                <span className="inline-actions">
                  {' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      onUpdate(record.id, { status: 'enrolled', enrolledOn: todayIso() })
                    }
                  >
                    {t('protection.school.markEnrolled')}
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => onUpdate(record.id, { status: 'withdrawn' })}
                  >
                    {t('protection.school.markWithdrawn')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRecord && (
        <form onSubmit={submit} noValidate aria-label={t('protection.school.formLabel')}>
          <div className="grid">
            <LabelledField id={`${id}-name`} label={t('protection.school.schoolName')} isOptional>
              <input
                id={`${id}-name`}
                value={schoolName}
                maxLength={200}
                onChange={(event) => setSchoolName(event.target.value)}
              />
            </LabelledField>
            <LabelledField id={`${id}-place`} label={t('protection.school.place')} isOptional>
              <input
                id={`${id}-place`}
                value={place}
                maxLength={200}
                onChange={(event) => setPlace(event.target.value)}
              />
            </LabelledField>
          </div>
          <Refusal error={state.error} />
          <button type="submit" className="secondary" aria-disabled={state.isPending || undefined}>
            {t('protection.school.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
