/** How a household reached the place of registration. */
export const ARRIVAL_MODES = [
  'on-foot',
  'car',
  'bus',
  'train',
  'evacuation-convoy',
  'air',
  'other',
] as const;
export type ArrivalMode = (typeof ARRIVAL_MODES)[number];

export const SITE_KINDS = ['border-crossing', 'reception-centre', 'registration-office'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/**
 * What a person can consent to at registration (GDPR Art. 6/7, UNHCR data-protection policy).
 * Registration itself rests on the public-interest basis; the rest need explicit consent.
 */
export const CONSENT_PURPOSES = [
  'registration', // processing for protection and assistance
  'sharing-with-partners', // referral to NGOs and agencies delivering assistance
  'contact', // contact by phone or message
  'family-tracing', // disclosure to family members searching for the person
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['verbal', 'signed', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
