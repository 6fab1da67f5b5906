import {
  EligibilityAssessment,
  PersonProtection,
  ProtectionCase,
  ProtectionCasePage,
  ProtectionRules,
  SchoolEnrolment,
  StatusEventOutcome,
  WorkAuthorisation,
  type EligibilityDecisionInput,
  type NewEligibilityAssessment,
  type NewSchoolEnrolment,
  type NewStatusEvent,
  type NewWorkAuthorisation,
  type ProtectionCaseResolution,
  type SchoolEnrolmentUpdate,
} from '@haven/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { jsonBody, request } from './client.js';

// Temporary protection (issue 6 items 1–3, issue 7 item 4): typed calls on the contract and the
// query hooks the pages share. Every write refreshes the person's protection, which carries the
// timeline, the rights and the records derived from it.

const path = (...parts: readonly string[]) =>
  parts.map((part) => `/${encodeURIComponent(part)}`).join('');

export const protectionKeys = {
  all: ['protection'] as const,
  person: (personId: string) => ['protection', 'person', personId] as const,
  personOn: (personId: string, onDate: string) =>
    ['protection', 'person', personId, onDate] as const,
  assessment: (id: string) => ['protection', 'assessment', id] as const,
  cases: (state: string) => ['protection', 'cases', state] as const,
  rules: ['protection', 'rules'] as const,
};

/** A person's protection, with the rights derived for a day ('YYYY-MM-DD'; today when empty). */
export function getPersonProtection(personId: string, onDate = ''): Promise<PersonProtection> {
  const query = onDate ? `?onDate=${encodeURIComponent(onDate)}` : '';
  return request(`${path('persons', personId)}/protection${query}`, PersonProtection);
}

export function getProtectionRules(): Promise<ProtectionRules> {
  return request('/protection-rules', ProtectionRules);
}

/**
 * An assessment as the form sends it: the birth date as typed ('1985', '1985-03' or a full
 * date), which the server checks and brands; every other field as the contract has it.
 */
export type EligibilityAssessmentBody = Omit<NewEligibilityAssessment, 'facts'> & {
  readonly facts: Omit<NewEligibilityAssessment['facts'], 'birthDate'> & {
    readonly birthDate: string;
  };
};

/** The contract exports the page schema without a type alias; derive it, never restate it. */
export type ProtectionCasePageData = ReturnType<(typeof ProtectionCasePage)['parse']>;

export function assessEligibility(
  personId: string,
  input: EligibilityAssessmentBody,
): Promise<EligibilityAssessment> {
  return request(
    `${path('persons', personId)}/eligibility-assessments`,
    EligibilityAssessment,
    jsonBody('POST', input),
  );
}

export function decideEligibility(
  assessmentId: string,
  input: EligibilityDecisionInput,
): Promise<EligibilityAssessment> {
  return request(
    `${path('eligibility-assessments', assessmentId)}/decision`,
    EligibilityAssessment,
    jsonBody('POST', input),
  );
}

export function recordStatusEvent(
  personId: string,
  input: NewStatusEvent,
): Promise<StatusEventOutcome> {
  return request(
    `${path('persons', personId)}/protection/events`,
    StatusEventOutcome,
    jsonBody('POST', input),
  );
}

export function listProtectionCases(
  state: 'open' | 'resolved' | 'all',
): Promise<ProtectionCasePageData> {
  return request(`/protection-cases?state=${state}`, ProtectionCasePage);
}

export function resolveProtectionCase(
  caseId: string,
  input: ProtectionCaseResolution,
): Promise<ProtectionCase> {
  return request(
    `${path('protection-cases', caseId)}/resolution`,
    ProtectionCase,
    jsonBody('POST', input),
  );
}

export function recordWorkAuthorisation(
  personId: string,
  input: NewWorkAuthorisation,
): Promise<WorkAuthorisation> {
  return request(
    `${path('persons', personId)}/work-authorisations`,
    WorkAuthorisation,
    jsonBody('POST', input),
  );
}

export function requestSchoolEnrolment(
  personId: string,
  input: NewSchoolEnrolment,
): Promise<SchoolEnrolment> {
  return request(
    `${path('persons', personId)}/school-enrolments`,
    SchoolEnrolment,
    jsonBody('POST', input),
  );
}

export function updateSchoolEnrolment(
  enrolmentId: string,
  input: SchoolEnrolmentUpdate,
): Promise<SchoolEnrolment> {
  return request(path('school-enrolments', enrolmentId), SchoolEnrolment, jsonBody('PATCH', input));
}

export function usePersonProtection(personId: string, onDate = '') {
  return useQuery({
    queryKey: protectionKeys.personOn(personId, onDate),
    queryFn: () => getPersonProtection(personId, onDate),
  });
}

/** The rules data changes with a release, not during a shift. */
export function useProtectionRules() {
  return useQuery({
    queryKey: protectionKeys.rules,
    queryFn: getProtectionRules,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useProtectionCases(state: 'open' | 'resolved' | 'all') {
  return useQuery({
    queryKey: protectionKeys.cases(state),
    queryFn: () => listProtectionCases(state),
  });
}

/** A write about one person: afterwards their protection (timeline, rights, records) is read again. */
export function usePersonProtectionMutation<TInput, TResult>(
  personId: string,
  write: (input: TInput) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: protectionKeys.person(personId) }),
        queryClient.invalidateQueries({ queryKey: ['protection', 'cases'] }),
      ]),
  });
}
