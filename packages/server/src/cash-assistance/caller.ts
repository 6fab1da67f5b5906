/**
 * Who acts in cash assistance, and which programmes they reach: a programme is in scope when its
 * country is among the caller's countries (every role holding a cash permission is
 * country-scoped). Out of scope reads as absent (404), never as forbidden.
 */
import { countriesInScope, type Principal } from '@haven/core';
import type { AuditEntry } from '../audit/append.js';
import { HttpProblem } from '../http/problems.js';

export interface CashActor {
  /** The user id, or null for an operator command (demo data, benchmark). */
  readonly userId: string | null;
  readonly name: string;
  /** Countries in scope; null for an operator command, which reaches every programme. */
  readonly countries: readonly string[] | null;
  readonly audit: Pick<
    AuditEntry,
    'actorId' | 'actor' | 'actorRole' | 'ip' | 'requestId' | 'purpose'
  >;
}

export function actorOfPrincipal(principal: Principal, audit: CashActor['audit']): CashActor {
  return {
    userId: principal.userId,
    name: principal.username,
    countries: countriesInScope(principal),
    audit,
  };
}

export function reaches(actor: CashActor, countryCode: string): boolean {
  return actor.countries === null || actor.countries.includes(countryCode);
}

export const notFound = (what: string) => new HttpProblem(404, 'not-found', `No such ${what}`);

/** An operator command (demo data, benchmark): reaches every programme; audited by its name. */
export function operatorCashActor(command: string, audit: CashActor['audit']): CashActor {
  return { userId: null, name: `operator:${command}`, countries: null, audit };
}
