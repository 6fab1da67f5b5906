import type { HostCountry, Household, RegistrationPage } from '@haven/contract';

// The contract exports these schemas without a type alias; derive the types, never restate them.
export type HouseholdData = ReturnType<(typeof Household)['parse']>;
export type RegistrationPageData = ReturnType<(typeof RegistrationPage)['parse']>;
export type HostCountryData = ReturnType<(typeof HostCountry)['parse']>;
