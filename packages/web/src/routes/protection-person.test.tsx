import type { EligibilityAssessment, PersonProtection } from '@haven/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildSession, fakeApi, quietApi } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const CASEWORKER = buildSession({
  role: 'caseworker',
  permissions: ['persons:read', 'protection:read', 'protection:decide'],
});
const PERSON_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ASSESSMENT_ID = '2b2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ACTOR = { id: '7d4c1d2e-3b5a-4f6e-8a9b-0c1d2e3f4a5b', name: 'Olena Kovalenko' };
const DECISION_CITATION = {
  act: 'Council Implementing Decision (EU) 2022/382',
  article: 'Art. 2(1)(a)',
  url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32022D0382',
  verified: true,
};
const RULE = { id: 'PL/TP-2-1-A', version: 1, validFrom: '2022-02-24', validTo: null };

const ASSESSMENT: EligibilityAssessment = {
  id: ASSESSMENT_ID,
  personId: PERSON_ID,
  countryCode: 'PL',
  regime: 'PL',
  onDate: '2026-11-29',
  rulesVersion: '2026-11',
  facts: {
    birthDate: '1985-03-14',
    nationality: 'UKR',
    residedInUkraineBeforeInvasion: true,
    ukraineResidenceTitle: null,
    leftUkraineOn: '2022-03-01',
    arrivedOn: '2022-03-01',
    canReturnSafely: null,
    familyLink: null,
    evidence: ['ukrainian-nationality'],
  } as EligibilityAssessment['facts'],
  recommendation: {
    kind: 'eligible',
    category: 'TP-2-1-A',
    protectionForm: 'temporary-protection',
    rule: RULE,
    citation: [DECISION_CITATION],
    notes: [],
  },
  assessedBy: ACTOR,
  assessedAt: '2026-11-29T07:00:00.000Z',
  decision: null,
};

function protectionOf(assessment: EligibilityAssessment): PersonProtection {
  return {
    personId: PERSON_ID,
    onDate: '2026-11-29',
    registrationCountry: 'PL',
    openCases: [],
    countries: [
      {
        countryCode: 'PL',
        regime: 'PL',
        current: null,
        active: false,
        nextStatuses: ['applied', 'granted'],
        timeline: [],
        latestAssessment: assessment,
        entitlements: [],
        nextRenewalOn: null,
        workAuthorisations: [],
        schoolEnrolments: [],
      },
    ],
  };
}

/** A fake API whose assessment is decided by the first decision it receives. */
function protectionApi() {
  let assessment = ASSESSMENT;
  return fakeApi((request) => {
    if (request.path === '/api/v1/session') {
      return { body: CASEWORKER };
    }
    if (request.method === 'GET' && request.path === `/api/v1/persons/${PERSON_ID}/protection`) {
      return { body: protectionOf(assessment) };
    }
    if (
      request.method === 'POST' &&
      request.path === `/api/v1/eligibility-assessments/${ASSESSMENT_ID}/decision`
    ) {
      const body = request.body as { outcome: 'confirmed' | 'overridden'; reason?: string };
      assessment = {
        ...assessment,
        decision: {
          outcome: body.outcome,
          eligible: body.outcome === 'confirmed',
          category: body.outcome === 'confirmed' ? 'TP-2-1-A' : null,
          reason: body.reason ?? null,
          decidedBy: ACTOR,
          decidedAt: '2026-11-29T07:05:00.000Z',
        },
      };
      return { body: assessment };
    }
    return quietApi(request);
  });
}

const decisionPosts = (api: ReturnType<typeof protectionApi>) =>
  api.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/decision'));

describe('a person’s temporary protection', { timeout: 20_000 }, () => {
  it('shows the recommendation with its rule and law, and who confirmed it', async () => {
    const api = protectionApi();
    renderApp(`/persons/${PERSON_ID}/protection`);
    expect(await screen.findByText(/Recommendation: eligible, category TP-2-1-A/)).toBeTruthy();
    expect(screen.getByText('PL/TP-2-1-A')).toBeTruthy();
    const law = screen.getByRole('link', {
      name: 'Council Implementing Decision (EU) 2022/382, Art. 2(1)(a)',
    });
    expect(law.getAttribute('href')).toContain('CELEX:32022D0382');
    expect(screen.getByText(/Not decided yet/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText(/Confirmed by Olena Kovalenko/)).toBeTruthy();
    expect(screen.getByText(/Eligible, category TP-2-1-A/)).toBeTruthy();
    expect(decisionPosts(api).map((post) => post.body)).toEqual([{ outcome: 'confirmed' }]);
    // Decided once: the form is gone.
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
  });

  it('refuses an override without a reason, and records the reason given', async () => {
    const api = protectionApi();
    renderApp(`/persons/${PERSON_ID}/protection`);
    fireEvent.click(await screen.findByLabelText('Override the recommendation'));
    fireEvent.change(screen.getByLabelText('Is the person eligible?'), { target: { value: 'no' } });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));

    const reason = screen.getByLabelText('Reason for overriding');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Say why you depart from the recommendation')).toBeTruthy();
    expect(decisionPosts(api)).toEqual([]);

    fireEvent.change(reason, { target: { value: 'Passport shown is forged.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Override' }));
    expect(await screen.findByText(/Overridden by Olena Kovalenko/)).toBeTruthy();
    expect(screen.getByText(/Passport shown is forged\./)).toBeTruthy();
    expect(decisionPosts(api).map((post) => post.body)).toEqual([
      {
        outcome: 'overridden',
        eligible: false,
        category: null,
        reason: 'Passport shown is forged.',
      },
    ]);
  });

  it('offers only the allowed next statuses', async () => {
    protectionApi();
    renderApp(`/persons/${PERSON_ID}/protection`);
    const status = await screen.findByLabelText('New status');
    const options = within(status)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['Choose…', 'Applied', 'Granted']);
  });

  it('speaks Ukrainian', async () => {
    protectionApi();
    renderApp(`/persons/${PERSON_ID}/protection`, { language: 'uk' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Тимчасовий захист' }),
    ).toBeTruthy();
    expect(screen.getByText(/Рекомендація: має право, категорія TP-2-1-A/)).toBeTruthy();
  });
});
