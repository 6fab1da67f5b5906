/**
 * The persons file: one row per person, the rows of one household next to each other and tied by
 * `household_ref`. Household columns (site … arrival_date) repeat on every row of the household;
 * the consent columns are filled on the row of the member who consented. A person's documents
 * are `;`-separated lists in the four document columns (a document number cannot hold `;`; a
 * name as printed may be blank in the list, and the column may be left empty when no document has
 * one);
 * specific needs and consent purposes are space-separated codes.
 */
export const IMPORT_COLUMNS = [
  'household_ref',
  'relationship_to_head',
  'given_name',
  'family_name',
  'patronymic',
  'sex',
  'birth_date',
  'nationality',
  'document_type',
  'document_country',
  'document_number',
  'document_name_as_printed',
  'specific_needs',
  'child_care_status',
  'site_id',
  'registered_at',
  'registrar',
  'origin_pcode',
  'arrival_mode',
  'arrival_date',
  'consent_purposes',
  'consent_method',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Written by export for reference; import accepts and ignores them (ids and Latin names are derived). */
export const EXPORT_ONLY_COLUMNS = [
  'person_id',
  'household_id',
  'registration_id',
  'given_name_latin',
  'family_name_latin',
] as const;
export type ExportOnlyColumn = (typeof EXPORT_ONLY_COLUMNS)[number];

export const EXPORT_COLUMNS = [...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Columns an import file must have; the others may be left out when no row uses them. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'household_ref',
  'relationship_to_head',
  'given_name',
  'family_name',
  'sex',
  'birth_date',
  'registrar',
  'origin_pcode',
  'arrival_mode',
  'consent_purposes',
  'consent_method',
];

/** The same on every row of a household. */
export const HOUSEHOLD_COLUMNS: readonly ImportColumn[] = [
  'site_id',
  'registered_at',
  'registrar',
  'origin_pcode',
  'arrival_mode',
  'arrival_date',
];

export const DOCUMENT_SEPARATOR = ';';

export function isImportColumn(name: string): name is ImportColumn {
  return (IMPORT_COLUMNS as readonly string[]).includes(name);
}

export function isExportOnlyColumn(name: string): name is ExportOnlyColumn {
  return (EXPORT_ONLY_COLUMNS as readonly string[]).includes(name);
}
