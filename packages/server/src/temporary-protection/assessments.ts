/**
 * Eligibility assessments (issue 6 item 1, issue 7 item 4): the rules recommend, a named
 * caseworker decides. GDPR Art. 22 — no decision producing legal effects rests on automated
 * processing alone: nothing is granted on a recommendation, only on a confirmed or overridden one.
 */
import { randomUUID } from 'node:crypto';
import type {
  EligibilityAssessment,
  EligibilityDecisionInput,
  EligibilityRecommendation,
  NewEligibilityAssessment,
} from '@haven/contract';
import {
  ConflictingFactsError,
  PROTECTION_RULES_VERSION,
  decideEligibility,
  regimeOf,
  type EligibilityDecision,
} from '@haven/core';
import { appendAudit } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { idempotentCreate, type ClaimKey } from '../idempotency/idempotent-create.js';
import { decideAssessment, findAssessment, insertAssessment } from './queries.js';
import {
  assertCountryInScope,
  callerActor,
  isPersonInScope,
  personInScope,
  protectionCountriesOf,
  type Caller,
} from './scope.js';
import { findPersonPlace } from './queries.js';

const today = (): string => new Date().toISOString().slice(0, 10);

/** The core decision as the contract carries it (mutable copies of its read-only lists). */
function recommendationOf(decision: EligibilityDecision): EligibilityRecommendation {
  switch (decision.kind) {
    case 'eligible':
      return {
        ...decision,
        rule: { ...decision.rule },
        citation: decision.citation.map((c) => ({ ...c })),
        notes: [...decision.notes],
      };
    case 'not-eligible':
      return {
        kind: 'not-eligible',
        rule: decision.rule ? { ...decision.rule } : null,
        reasons: decision.reasons.map((r) => ({
          ...r,
          citation: r.citation ? { ...r.citation } : null,
        })),
      };
    case 'needs-evidence':
      return {
        kind: 'needs-evidence',
        category: decision.category,
        rule: decision.rule ? { ...decision.rule } : null,
        missing: decision.missing.map((m) => ({ ...m })),
      };
  }
}

/** Facts → recommendation under the current rules version, stored and audited. */
export async function assessEligibility(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewEligibilityAssessment,
  idempotencyKey?: string,
): Promise<EligibilityAssessment> {
  const onDate = input.onDate ?? today();
  let recommendation: EligibilityRecommendation;
  try {
    recommendation = recommendationOf(decideEligibility(input.facts, input.countryCode, onDate));
  } catch (error) {
    // The contract refuses these first; this keeps a direct caller (the demo, the CLI) honest.
    if (error instanceof ConflictingFactsError) {
      throw new HttpProblem(
        400,
        'validation-failed',
        'The request is not valid',
        error.conflicts.map((c) => ({ field: `facts.${c.field}`, in: 'body', message: c.message })),
      );
    }
    throw error;
  }
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `eligibility-assessments:${personId}`, body: input }
    : undefined;
  const created = await idempotentCreate(
    db,
    idempotency,
    (claim) => insertAudited(db, caller, personId, input, onDate, recommendation, claim),
    (id) => readAssessment(db, caller, id),
  );
  return created.value;
}

async function insertAudited(
  db: Db,
  caller: Caller,
  personId: string,
  input: NewEligibilityAssessment,
  onDate: string,
  recommendation: EligibilityRecommendation,
  claim: ClaimKey,
): Promise<EligibilityAssessment> {
  return db.transaction(async (tx) => {
    await personInScope(tx, caller.principal, personId, true);
    await assertCountryInScope(tx, caller.principal, input.countryCode);
    const id = randomUUID();
    await claim(tx, id);
    const assessment = await insertAssessment(tx, {
      id,
      personId,
      countryCode: input.countryCode,
      regime: regimeOf(input.countryCode).regime,
      onDate,
      rulesVersion: PROTECTION_RULES_VERSION,
      facts: input.facts,
      recommendation,
      assessedBy: await callerActor(tx, caller),
    });
    await appendAudit(tx, [
      {
        ...caller.audit,
        chain: input.countryCode,
        action: 'eligibility.assessed',
        resourceType: 'eligibility-assessment',
        resourceId: assessment.id,
        detail: {
          persons: [personId],
          recommendation: recommendation.kind,
          rule: recommendation.rule?.id ?? null,
          rulesVersion: PROTECTION_RULES_VERSION,
        },
      },
    ]);
    return assessment;
  });
}

/** One assessment, when its person is in scope and its country among the caller's. */
export async function readAssessment(
  db: Db,
  caller: Caller,
  id: string,
): Promise<EligibilityAssessment> {
  return db.transaction(async (tx) => {
    const assessment = await findAssessment(tx, id);
    const place = assessment ? await findPersonPlace(tx, assessment.personId) : undefined;
    if (
      !assessment ||
      !place ||
      !isPersonInScope(caller.principal, place) ||
      !protectionCountriesOf(caller.principal).includes(assessment.countryCode)
    ) {
      throw new HttpProblem(404, 'not-found', 'No such assessment');
    }
    await appendAudit(tx, [
      {
        ...caller.audit,
        chain: assessment.countryCode,
        action: 'eligibility.read',
        resourceType: 'eligibility-assessment',
        resourceId: id,
        detail: { persons: [assessment.personId] },
      },
    ]);
    return assessment;
  });
}

/**
 * The caseworker's decision: confirm the recommendation, or override it with a reason. A
 * recommendation that still lacks facts or evidence cannot be confirmed — only overridden.
 */
export async function decideOnAssessment(
  db: Db,
  caller: Caller,
  id: string,
  input: EligibilityDecisionInput,
  idempotencyKey?: string,
): Promise<EligibilityAssessment> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `eligibility-decisions:${id}`, body: input }
    : undefined;
  const decided = await idempotentCreate(
    db,
    idempotency,
    (claim) => decideOnce(db, caller, id, input, claim),
    (resourceId) => readAssessment(db, caller, resourceId),
  );
  return decided.value;
}

async function decideOnce(
  db: Db,
  caller: Caller,
  id: string,
  input: EligibilityDecisionInput,
  claim: ClaimKey,
): Promise<EligibilityAssessment> {
  return db.transaction(async (tx) => {
    await claim(tx, id);
    const assessment = await findAssessment(tx, id, true);
    const place = assessment ? await findPersonPlace(tx, assessment.personId) : undefined;
    if (!assessment || !place || !isPersonInScope(caller.principal, place)) {
      throw new HttpProblem(404, 'not-found', 'No such assessment');
    }
    await assertCountryInScope(tx, caller.principal, assessment.countryCode);
    if (assessment.decision) {
      throw new HttpProblem(
        409,
        'already-decided',
        'This assessment has been decided',
        undefined,
        `${assessment.decision.outcome} by ${assessment.decision.decidedBy.name} at ${assessment.decision.decidedAt}; assess again to decide anew`,
      );
    }
    const recommendation = assessment.recommendation;
    let decision;
    if (input.outcome === 'confirmed') {
      if (recommendation.kind === 'needs-evidence') {
        throw new HttpProblem(
          422,
          'recommendation-incomplete',
          'A recommendation that lacks facts or evidence cannot be confirmed',
          [
            {
              field: 'outcome',
              in: 'body',
              message:
                'Record the missing facts and evidence in a new assessment, or override with a reason',
            },
          ],
        );
      }
      decision = {
        outcome: 'confirmed' as const,
        eligible: recommendation.kind === 'eligible',
        category: recommendation.kind === 'eligible' ? recommendation.category : null,
        reason: input.reason ?? null,
      };
    } else {
      decision = {
        outcome: 'overridden' as const,
        eligible: input.eligible,
        category: input.eligible ? input.category : null,
        reason: input.reason,
      };
    }
    const decidedBy = await callerActor(tx, caller);
    if (!(await decideAssessment(tx, id, { ...decision, decidedBy }))) {
      throw new HttpProblem(409, 'already-decided', 'This assessment has been decided');
    }
    await appendAudit(tx, [
      {
        ...caller.audit,
        chain: assessment.countryCode,
        action: `eligibility.${decision.outcome}`,
        resourceType: 'eligibility-assessment',
        resourceId: id,
        detail: {
          persons: [assessment.personId],
          recommendation: recommendation.kind,
          eligible: decision.eligible,
          category: decision.category,
        },
      },
    ]);
    const decided = await findAssessment(tx, id);
    if (!decided) {
      throw new Error('assessment vanished during its decision');
    }
    return decided;
  });
}
