import {
  MANIFEST_CSV_OPTIONAL_COLUMNS,
  MANIFEST_CSV_REQUIRED_COLUMNS,
  ManifestHouseholdInput,
  type Manifest,
  type ManifestImportInput,
} from '@haven/contract';
import { DOCUMENT_TYPES, RELATIONSHIPS, SEXES } from '@haven/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  addManifestHousehold,
  corridorKeys,
  importManifest,
  removeManifestHousehold,
  useManifest,
} from '../api/corridors.js';
import { ProblemError } from '../api/problem-error.js';
import {
  fieldErrorsOfFailure,
  formErrorsOf,
  When,
  WriteFailure,
} from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { type FormError } from '../forms/form-errors.js';
import { keyFor, type KeyedBody } from '../forms/idempotency-key.js';
import { evacuationProblemText, manifestProblemText } from '../i18n/evacuation-problems.js';

/** The manifest of a run: who boarded, by household, and who has arrived. */
export function ManifestTable({
  manifest,
  canManage = false,
}: {
  readonly manifest: Manifest;
  readonly canManage?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // A household entered by mistake can go while none of it has arrived (the server checks too).
  const removal = useMutation({
    mutationFn: (householdId: string) => removeManifestHousehold(manifest.runId, householdId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: corridorKeys.manifest(manifest.runId) });
      void queryClient.invalidateQueries({ queryKey: ['evacuation-runs'] });
      void queryClient.invalidateQueries({ queryKey: ['evacuation-alerts'] });
    },
  });
  if (manifest.households.length === 0) {
    return <p className="muted">{t('corridors.manifest.empty')}</p>;
  }
  return (
    <div className="table-scroll">
      <WriteFailure error={removal.error} />
      <table>
        <caption>
          {t('corridors.manifest.caption', {
            boarded: manifest.boarded,
            arrived: manifest.arrived,
            households: manifest.households.length,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('corridors.manifest.household')}</th>
            <th scope="col">{t('corridors.manifest.person')}</th>
            <th scope="col">{t('corridors.manifest.birthDate')}</th>
            <th scope="col">{t('corridors.manifest.relationship')}</th>
            <th scope="col">{t('corridors.manifest.arrival')}</th>
          </tr>
        </thead>
        <tbody>
          {manifest.households.flatMap((household, h) =>
            household.members.map((person, i) => (
              <tr key={person.id}>
                <td>
                  {i === 0 && (household.reference ?? String(h + 1))}
                  {i === 0 && canManage && household.members.every((p) => !p.arrival) && (
                    <button
                      type="button"
                      className="secondary"
                      aria-disabled={removal.isPending || undefined}
                      onClick={() => {
                        if (!removal.isPending) {
                          removal.mutate(household.id);
                        }
                      }}
                      aria-label={t('corridors.manifest.removeHouseholdNamed', {
                        name: household.reference ?? `${person.familyName} ${person.givenName}`,
                      })}
                    >
                      {t('corridors.manifest.removeHousehold')}
                    </button>
                  )}
                </td>
                <th scope="row">
                  {person.familyName} {person.givenName} {person.patronymic ?? ''}
                  {person.unaccompanied && (
                    <span className="row-flag">{t('corridors.manifest.unaccompanied')}</span>
                  )}
                  {person.unexpected && (
                    <span className="row-flag">{t('corridors.manifest.unexpected')}</span>
                  )}
                  {person.registrationPersonId && (
                    <span className="badge badge-standard">
                      {t('corridors.manifest.registered')}
                    </span>
                  )}
                </th>
                <td>{person.birthDate}</td>
                <td>{t(`codes.relationship.${person.relationshipToHead}`)}</td>
                <td>
                  {person.arrival ? (
                    <>
                      {t('corridors.manifest.arrived')} <When at={person.arrival.arrivedAt} />
                    </>
                  ) : (
                    t('corridors.manifest.notArrived')
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

interface MemberRow {
  readonly key: number;
  readonly familyName: string;
  readonly givenName: string;
  readonly patronymic: string;
  readonly sex: string;
  readonly birthDate: string;
  readonly relationshipToHead: string;
  readonly documentType: string;
  readonly documentNumber: string;
}

let memberKey = 0;
const emptyMember = (relationshipToHead = ''): MemberRow => ({
  key: ++memberKey,
  familyName: '',
  givenName: '',
  patronymic: '',
  sex: '',
  birthDate: '',
  relationshipToHead,
  documentType: '',
  documentNumber: '',
});

const optional = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);

function householdBodyOf(reference: string, members: readonly MemberRow[]) {
  return {
    ...(reference.trim() ? { reference: reference.trim() } : {}),
    members: members.map((member) => ({
      familyName: member.familyName.trim(),
      givenName: member.givenName.trim(),
      patronymic: optional(member.patronymic),
      sex: member.sex || undefined,
      birthDate: member.birthDate.trim(),
      relationshipToHead: member.relationshipToHead || undefined,
      documentType: member.documentType || undefined,
      documentNumber: optional(member.documentNumber),
    })),
  };
}

/** Quick entry of one household at departure: the names, sex, birth date and relationship. */
function QuickEntry({ runId }: { readonly runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const [members, setMembers] = useState<readonly MemberRow[]>(() => [emptyMember('head')]);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [added, setAdded] = useState<number | undefined>();
  const lastSent = useRef<KeyedBody | undefined>(undefined);
  const firstInput = useRef<HTMLDivElement>(null);
  const entry = useMutation({
    mutationFn: ({ input, key }: { input: ManifestHouseholdInput; key: string }) =>
      addManifestHousehold(runId, input, key),
    onSuccess: (manifest, { input }) => {
      queryClient.setQueryData(corridorKeys.manifest(runId), manifest);
      // Boarded counts, the reconciliation and its alerts all change with the manifest.
      void queryClient.invalidateQueries({ queryKey: ['evacuation-runs'] });
      void queryClient.invalidateQueries({ queryKey: ['evacuation-alerts'] });
      setAdded(input.members.length);
      setReference('');
      setMembers([emptyMember('head')]);
      firstInput.current?.querySelector('input')?.focus();
    },
    onError: (error) => setErrors(fieldErrorsOfFailure(error)),
  });
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  const setMember = (index: number, change: Partial<MemberRow>) =>
    setMembers((current) => current.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(undefined);
    const checked = ManifestHouseholdInput.safeParse(householdBodyOf(reference, members));
    if (!checked.success) {
      setErrors(formErrorsOf(checked.error.issues));
      return;
    }
    setErrors([]);
    const sending = keyFor(JSON.stringify(checked.data), lastSent.current);
    lastSent.current = sending;
    entry.mutate({ input: checked.data, key: sending.key });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="quick-entry-title">
      <h3 id="quick-entry-title">{t('corridors.manifest.quickEntry')}</h3>
      <div ref={firstInput}>
        <TextField
          field="reference"
          label={t('corridors.manifest.reference')}
          hint={t('corridors.manifest.referenceHint')}
          value={reference}
          onChange={setReference}
          errors={errorsAt('reference')}
          isOptional
          maxLength={100}
        />
      </div>
      {members.map((member, index) => {
        const at = (name: string) => errorsAt(`members[${index}].${name}`);
        return (
          <fieldset key={member.key}>
            <legend>{t('corridors.manifest.memberN', { n: index + 1 })}</legend>
            <div className="grid">
              <TextField
                field={`members[${index}].familyName`}
                label={t('member.familyName')}
                value={member.familyName}
                onChange={(familyName) => setMember(index, { familyName })}
                errors={at('familyName')}
                maxLength={100}
              />
              <TextField
                field={`members[${index}].givenName`}
                label={t('member.givenName')}
                value={member.givenName}
                onChange={(givenName) => setMember(index, { givenName })}
                errors={at('givenName')}
                maxLength={100}
              />
              <TextField
                field={`members[${index}].patronymic`}
                label={t('member.patronymic')}
                value={member.patronymic}
                onChange={(patronymic) => setMember(index, { patronymic })}
                errors={at('patronymic')}
                isOptional
                maxLength={100}
              />
              <SelectField
                field={`members[${index}].sex`}
                label={t('member.sex')}
                value={member.sex}
                onChange={(sex) => setMember(index, { sex })}
                errors={at('sex')}
              >
                {SEXES.map((sex) => (
                  <option key={sex} value={sex}>
                    {t(`codes.sex.${sex}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                field={`members[${index}].birthDate`}
                label={t('member.birthDate')}
                hint={t('member.birthDateHint')}
                value={member.birthDate}
                onChange={(birthDate) => setMember(index, { birthDate })}
                errors={at('birthDate')}
                inputMode="numeric"
                maxLength={10}
              />
              <SelectField
                field={`members[${index}].relationshipToHead`}
                label={t('member.relationshipToHead')}
                value={member.relationshipToHead}
                onChange={(relationshipToHead) => setMember(index, { relationshipToHead })}
                errors={at('relationshipToHead')}
              >
                {RELATIONSHIPS.map((relationship) => (
                  <option key={relationship} value={relationship}>
                    {t(`codes.relationship.${relationship}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                field={`members[${index}].documentType`}
                label={t('document.type')}
                value={member.documentType}
                onChange={(documentType) => setMember(index, { documentType })}
                errors={at('documentType')}
                isOptional
              >
                {DOCUMENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`codes.documentType.${type}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                field={`members[${index}].documentNumber`}
                label={t('document.number')}
                value={member.documentNumber}
                onChange={(documentNumber) => setMember(index, { documentNumber })}
                errors={at('documentNumber')}
                isOptional
                maxLength={40}
              />
            </div>
            {members.length > 1 && (
              <button
                type="button"
                className="secondary"
                onClick={() => setMembers((current) => current.filter((_, i) => i !== index))}
              >
                {t('corridors.manifest.removeMember', { n: index + 1 })}
              </button>
            )}
          </fieldset>
        );
      })}
      <WriteFailure error={entry.error} />
      {added !== undefined && (
        <p className="banner banner-success" role="status">
          {t('corridors.manifest.householdAdded', { count: added })}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => setMembers((current) => [...current, emptyMember()])}
        >
          {t('corridors.manifest.addMember')}
        </button>
        <button type="submit" className="primary" aria-disabled={entry.isPending || undefined}>
          {t('corridors.manifest.addHousehold')}
        </button>
      </div>
    </form>
  );
}

/**
 * A problem of the file as the coordinator reads it: the line (CSV) or row (spreadsheet) and
 * column of their file, then what is wrong. The server words them 'Line 12 (birth_date): …' on a
 * field 'csv.line12.birth_date', or 'Row 12 (birth_date): …' on 'xlsx.row12.birth_date'.
 */
export function csvProblemText(error: FormError, t: TFunction): string {
  const worded = /^(Line|Row) (\d+)(?: \(([^)]+)\))?: (.*)$/.exec(error.message);
  const fromField = /^(?:csv|xlsx|ods)\.(line|row)(\d+)(?:\.(.+))?$/i.exec(error.field);
  const unit = (worded?.[1] ?? fromField?.[1] ?? 'line').toLowerCase();
  const line = worded?.[2] ?? fromField?.[2];
  const column = worded?.[3] ?? fromField?.[3];
  const message = worded?.[4] ?? error.message;
  const inner = manifestProblemText({ field: error.field, message }, t);
  if (!worded && / repeats /.test(message)) {
    // 'Line 7 repeats line 2 (…)' names its line itself.
    return inner.charAt(0).toUpperCase() + inner.slice(1);
  }
  if (line !== undefined) {
    const where = t(unit === 'row' ? 'corridors.manifest.csvRow' : 'corridors.manifest.csvLine', {
      line,
    });
    return `${where}${column ? ` (${column})` : ''}: ${inner}`;
  }
  return inner;
}

/** The spreadsheet formats the server reads, by file name ending. */
const SPREADSHEET_FORMAT = /\.(xlsx|ods)$/i;

interface ChosenFile {
  readonly name: string;
  readonly body: ManifestImportInput;
  /** Rows after the header, counted for a CSV only (a spreadsheet is read on the server). */
  readonly rows?: number;
  /** What the idempotency key is derived from. */
  readonly content: string;
}

/** The file as the import wants it: CSV as text, a spreadsheet as base64 (read here, parsed there). */
async function chosenFile(file: File): Promise<ChosenFile> {
  const format = SPREADSHEET_FORMAT.exec(file.name)?.[1]?.toLowerCase();
  if (format === 'xlsx' || format === 'ods') {
    const base64 = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error ?? new Error('Unreadable file'));
      reader.readAsDataURL(file);
    });
    return { name: file.name, body: { [format]: base64 }, content: base64 };
  }
  const text = await file.text();
  return {
    name: file.name,
    body: { csv: text },
    rows: text.split('\n').filter((line) => line.trim() !== '').length - 1,
    content: text,
  };
}

/** Uploading a CSV or spreadsheet the coordinator already has; all or nothing, every bad row named. */
function CsvImport({ runId }: { readonly runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ChosenFile | undefined>();
  const [imported, setImported] = useState<{ households: number; persons: number }>();
  const lastSent = useRef<KeyedBody | undefined>(undefined);
  const upload = useMutation({
    mutationFn: ({ body, key }: { body: ManifestImportInput; key: string }) =>
      importManifest(runId, body, key),
    onSuccess: (result) => {
      queryClient.setQueryData(corridorKeys.manifest(runId), result.manifest);
      // Boarded counts, the reconciliation and its alerts all change with the manifest.
      void queryClient.invalidateQueries({ queryKey: ['evacuation-runs'] });
      void queryClient.invalidateQueries({ queryKey: ['evacuation-alerts'] });
      setImported({ households: result.households, persons: result.persons });
    },
  });
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setImported(undefined);
    upload.reset();
    if (!chosen) {
      setFile(undefined);
      return;
    }
    void chosenFile(chosen).then(setFile);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      return;
    }
    const sending = keyFor(file.content, lastSent.current);
    lastSent.current = sending;
    upload.mutate({ body: file.body, key: sending.key });
  };
  const rowErrors = upload.error instanceof ProblemError ? upload.error.errors : [];
  return (
    <form onSubmit={submit} noValidate aria-labelledby="csv-title">
      <h3 id="csv-title">{t('corridors.manifest.csvTitle')}</h3>
      <p className="hint" id="csv-hint">
        {t('corridors.manifest.csvHint', {
          required: MANIFEST_CSV_REQUIRED_COLUMNS.join(', '),
          optional: MANIFEST_CSV_OPTIONAL_COLUMNS.join(', '),
        })}
      </p>
      <div className="field">
        <label htmlFor="manifest-csv">{t('corridors.manifest.csvFile')}</label>
        <input
          id="manifest-csv"
          type="file"
          accept=".csv,.xlsx,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
          onChange={choose}
          aria-describedby="csv-hint"
        />
      </div>
      {file && (
        <p className="hint" role="status">
          {file.rows === undefined
            ? file.name
            : t('corridors.manifest.csvChosen', { name: file.name, count: file.rows })}
        </p>
      )}
      {upload.isError && (
        <div className="banner banner-error" role="alert">
          <p>
            {rowErrors.length > 0
              ? t('corridors.manifest.csvRejected', { count: rowErrors.length })
              : evacuationProblemText(upload.error, t)}
          </p>
          {rowErrors.length > 0 && (
            <ul className="csv-errors" aria-label={t('corridors.manifest.csvErrors')}>
              {rowErrors.map((error, i) => {
                return <li key={i}>{csvProblemText(error, t)}</li>;
              })}
            </ul>
          )}
        </div>
      )}
      {imported && (
        <p className="banner banner-success" role="status">
          {t('corridors.manifest.csvImported', imported)}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          aria-disabled={!file || upload.isPending || undefined}
        >
          {t('corridors.manifest.csvUpload')}
        </button>
      </div>
    </form>
  );
}

/** The manifest section of a run page: the list, and for a coordinator the two ways to fill it. */
export function ManifestSection({
  runId,
  canManage,
}: {
  readonly runId: string;
  readonly canManage: boolean;
}) {
  const { t } = useTranslation();
  const manifest = useManifest(runId, { isLive: true });
  return (
    <section aria-labelledby="manifest-title">
      <h2 id="manifest-title">{t('corridors.manifest.title')}</h2>
      {manifest.isPending && <p role="status">{t('common.loading')}</p>}
      {manifest.isError && (
        <LoadFailure error={manifest.error} onRetry={() => void manifest.refetch()} />
      )}
      {/* Filling the manifest comes first: at departure that is what the coordinator is doing. */}
      {canManage && (
        <>
          <CsvImport runId={runId} />
          <QuickEntry runId={runId} />
        </>
      )}
      {manifest.isSuccess && <ManifestTable manifest={manifest.data} canManage={canManage} />}
    </section>
  );
}
