import type { PersonExportRow } from '@haven/server';
import { DOCUMENT_SEPARATOR, EXPORT_COLUMNS, type ExportColumn } from './columns.js';
import { neutraliseFormula } from './formula-injection.js';

/** A person as a record of the persons file, every cell neutralised against formula injection. */
export function personRecord(row: PersonExportRow): Record<ExportColumn, string> {
  const record: Record<ExportColumn, string> = {
    household_ref: row.registrationId,
    relationship_to_head: row.relationshipToHead,
    given_name: row.givenName,
    family_name: row.familyName,
    patronymic: row.patronymic ?? '',
    sex: row.sex,
    birth_date: row.birthDate,
    nationality: row.nationality,
    document_type: row.documents.map((d) => d.type).join(DOCUMENT_SEPARATOR),
    document_country: row.documents.map((d) => d.issuingCountry).join(DOCUMENT_SEPARATOR),
    document_number: row.documents.map((d) => d.number).join(DOCUMENT_SEPARATOR),
    document_name_as_printed: row.documents.some((d) => d.nameAsPrinted)
      ? row.documents.map((d) => d.nameAsPrinted ?? '').join(DOCUMENT_SEPARATOR)
      : '',
    specific_needs: row.specificNeeds.join(' '),
    child_care_status: row.childCareStatus ?? '',
    site_id: row.siteId,
    registered_at: row.registeredAt,
    registrar: row.registrar,
    origin_pcode: row.originPcode,
    arrival_mode: row.arrivalMode,
    arrival_date: row.arrivalDate ?? '',
    consent_purposes: row.consentPurposes?.join(' ') ?? '',
    consent_method: row.consentMethod ?? '',
    person_id: row.personId,
    household_id: row.householdId,
    registration_id: row.registrationId,
    given_name_latin: row.givenNameLatin,
    family_name_latin: row.familyNameLatin,
  };
  for (const column of EXPORT_COLUMNS) {
    record[column] = neutraliseFormula(record[column]);
  }
  return record;
}
