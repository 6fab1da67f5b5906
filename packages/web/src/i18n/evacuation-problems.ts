import type { TFunction } from 'i18next';
import { ProblemError } from '../api/problem-error.js';
import type { FormError } from '../forms/form-errors.js';
import { validationMessage, validationText } from '../forms/validation-message.js';
import { problemText } from './problem-text.js';
import type { en } from './resources.js';

type Problems = typeof en.corridors.problems;
/** The keys of corridors.problems that hold a sentence (not a nested group). */
type ProblemSentence = {
  [K in keyof Problems]: Problems[K] extends string ? K : never;
}[keyof Problems];

/**
 * The evacuation endpoints' problem codes (server/src/corridors) with a text of their own; the
 * server's titles are English, so the page words them by code. Keep in step with the server.
 */
export const EVACUATION_PROBLEM_CODES = [
  'run-cancelled',
  'run-without-site',
  'run-not-in-transit',
  'not-on-manifest',
  'not-checked-in',
  'already-arrived',
  'already-linked',
  'duplicate-persons',
  'missing-columns',
  'closed-corridor-reason-required',
  'status-transition-not-allowed',
  'same-destination',
  'spreadsheet-too-large',
  'body-too-large',
  'not-found',
] as const;
type EvacuationProblemCode = (typeof EVACUATION_PROBLEM_CODES)[number];

const isEvacuationCode = (code: string): code is EvacuationProblemCode =>
  (EVACUATION_PROBLEM_CODES as readonly string[]).includes(code);

/** What went wrong with an evacuation request, in the current language, by the problem's code. */
export function evacuationProblemText(error: unknown, t: TFunction): string {
  if (error instanceof ProblemError && isEvacuationCode(error.code)) {
    return t(`corridors.problems.${error.code}`);
  }
  return problemText(error, t);
}

/** 'Line 4', 'row 2', 'Member 3', 'line 5 of an earlier import': a manifest entry, translated. */
function entryText(label: string, t: TFunction): string {
  if (label === 'an entry already on the manifest') {
    return t('corridors.problems.entryOnManifest');
  }
  const match = /^(line|row|member) (\d+)( of an earlier import)?$/i.exec(label);
  if (!match) {
    return label;
  }
  const unit = (match[1] ?? '').toLowerCase();
  const n = match[2] ?? '';
  if (match[3]) {
    return t('corridors.problems.entryEarlierImport', { n });
  }
  return t(
    `corridors.problems.entry.${unit === 'row' ? 'row' : unit === 'member' ? 'member' : 'line'}`,
    {
      n,
    },
  );
}

const DUPLICATE_REASONS: Readonly<Record<string, 'sameName' | 'sameDocument'>> = {
  'same name and birth date': 'sameName',
  'same identity document': 'sameDocument',
};

/**
 * A field error of a manifest or check-in in the current language: the evacuation server's own
 * sentences (duplicates, missing columns, file limits) by their wording, the contract's through
 * the shared table; an unknown one as the server wrote it rather than a vague "not valid".
 */
export function manifestProblemText(
  error: Pick<FormError, 'message' | 'code'> & { readonly field?: string },
  t: TFunction,
): string {
  const duplicate =
    /^(.+) repeats (.+) \((same name and birth date|same identity document)\)$/.exec(error.message);
  if (duplicate) {
    const reason = DUPLICATE_REASONS[duplicate[3] ?? ''] ?? 'sameName';
    return t('corridors.problems.repeats', {
      entry: entryText(duplicate[1] ?? '', t),
      earlier: entryText(duplicate[2] ?? '', t),
      reason: t(`corridors.problems.reason.${reason}`),
    });
  }
  const column = /^Missing required column: (.+)$/.exec(error.message);
  if (column) {
    return t('corridors.problems.missingColumn', { column: column[1] ?? '' });
  }
  const rows = /^At most (\d+) people per manifest$/.exec(error.message);
  if (rows) {
    return t('corridors.problems.tooManyRows', { max: rows[1] ?? '' });
  }
  const unpacked = /^Unpacks to more than (\d+) MB$/.exec(error.message);
  if (unpacked) {
    return t('corridors.problems.unpacksTooLarge', { max: unpacked[1] ?? '' });
  }
  const nameSite = /^Name the site where you check in: the run is now expected at (.+)$/.exec(
    error.message,
  );
  if (nameSite) {
    return t('corridors.problems.nameSite', { site: nameSite[1] ?? '' });
  }
  const notFile = /^Not an \.(xlsx|ods) file$/.exec(error.message);
  if (notFile) {
    return t('corridors.problems.notSpreadsheet', { format: notFile[1] ?? '' });
  }
  const known = EXACT_MESSAGES[error.message];
  if (known) {
    return t(`corridors.problems.${known}`);
  }
  if (validationMessage(error).key === 'invalid') {
    // A whole line the CSV parser could not read: its own message is technical English.
    return error.field !== undefined && /^csv\.line\d+$/.test(error.field)
      ? t('corridors.problems.unreadableLine')
      : error.message;
  }
  return validationText(error, t);
}

/** The evacuation server's fixed field messages → their key under corridors.problems. */
const EXACT_MESSAGES: Readonly<Partial<Record<string, ProblemSentence>>> = {
  'The file has no header row': 'noHeader',
  'The file has a header but no rows': 'noRows',
  'The file has no sheet': 'noSheet',
  'Must be the file as base64': 'notSpreadsheetFile',
  'Give exactly one of csv, xlsx, ods': 'oneFile',
  'Not on this manifest: check in as unexpectedPerson': 'notOnManifest',
  'Not on this manifest': 'notOnManifest',
  'Give the person to check in': 'givePerson',
  'Give exactly one of manifestPersonId, manifestHouseholdId, unexpectedPerson': 'givePerson',
  'No registered person with this id in your scope': 'noRegisteredPerson',
  'Must be after actualDepartureAt': 'arrivalAfterDeparture',
  'Unknown corridor': 'unknownCorridor',
  'The body is larger than allowed': 'bodyTooLarge',
  'Not a reception site in your scope': 'siteNotInScope',
  'The run is already bound for this site': 'sameDestination',
  'Not a diversion incident of this run': 'notDiversionIncident',
};
