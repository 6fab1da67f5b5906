import {
  checkBirthDate,
  checkPartialDate,
  isCalendarDate,
  isCountryAlpha2,
  isCountryAlpha3,
  isNationalityCode,
  isUkrainePcode,
  type PartialDate,
} from '@haven/core';
import { z } from 'zod';

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * One line of text as people type it: composed to NFC (a decomposed 'й' would otherwise be a
 * different name), trimmed, no control characters (PostgreSQL refuses NUL; newlines break exports).
 */
export const SingleLine = (maxChars: number) =>
  z
    .string()
    .overwrite((text) => text.normalize('NFC'))
    .trim()
    .min(1, 'Must not be empty')
    .max(maxChars, `Must be at most ${maxChars} characters`)
    .regex(/^\P{Cc}*$/u, 'Must not contain control characters');

/** A personal name as written in its original script: 1–100 characters with at least one letter. */
export const PersonName = SingleLine(100)
  // Ukrainians type the apostrophe many ways (` ′ ʹ ' ’); ʼ (U+02BC) is the orthographic one.
  .overwrite((name) => name.replace(/[`′ʹ]/g, 'ʼ'))
  .regex(/\p{L}/u, 'Must contain a letter')
  .regex(
    /^[\p{L}\p{M}\p{Zs}'’ʼ.-]+$/u,
    'May contain only letters, spaces, apostrophes, hyphens and dots',
  );

export const BirthDate = z
  .string()
  .describe("Partial date: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'")
  .superRefine((value, ctx) => {
    const problem = checkBirthDate(value, today());
    const messages = {
      format: "Must be 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'",
      impossible: 'Is not a real calendar date',
      future: 'Must not be in the future',
      'too-old': 'Must not be before 1900',
    } as const;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: messages[problem] });
    }
  })
  .transform((value) => value as PartialDate);

/** A partial date used as a search filter (no future check). */
export const PartialDateFilter = z
  .string()
  .refine((value) => checkPartialDate(value) === undefined && value >= '1900', {
    message: "Must be a real date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', from 1900",
  })
  .transform((value) => value as PartialDate);

/** Days of registrations and arrivals: real calendar days from 1900 on (PostgreSQL has no year 0). */
export const CalendarDate = z
  .string()
  .describe("'YYYY-MM-DD', from 1900")
  .refine((text) => isCalendarDate(text) && text >= '1900-01-01', {
    message: "Must be a real date as 'YYYY-MM-DD', from 1900",
  });

export const Timestamp = z.iso.datetime({
  offset: true,
  message: 'Must be an ISO 8601 date-time with offset',
});

export const CountryAlpha2 = z
  .string()
  .describe('ISO 3166-1 alpha-2')
  .refine(isCountryAlpha2, { message: 'Unknown ISO 3166-1 alpha-2 country code' });

export const CountryAlpha3 = z
  .string()
  .describe('ISO 3166-1 alpha-3')
  .refine(isCountryAlpha3, { message: 'Unknown ISO 3166-1 alpha-3 country code' });

export const NationalityCode = z
  .string()
  .describe('ISO 3166-1 alpha-3, or ICAO XXA (stateless), XXB/XXC (refugee), XXX (unspecified)')
  .refine(isNationalityCode, { message: 'Unknown nationality code' });

export const UkrainePcode = z
  .string()
  .describe("OCHA COD-AB P-code of an oblast ('UA46') or raion ('UA4606')")
  .refine(isUkrainePcode, { message: 'Unknown Ukrainian P-code' });

export const Id = z.uuid({ message: 'Must be a UUID' });
