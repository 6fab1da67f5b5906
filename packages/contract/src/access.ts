import { PERMISSIONS, ROLES } from '@haven/core';
import { z } from 'zod';
import { CountryAlpha2, Id, SingleLine, Timestamp } from './fields.js';

export const Role = z.enum(ROLES);
export const Permission = z.enum(PERMISSIONS);

/** Lower-case letters, digits, dots, hyphens and underscores: no look-alike Unicode in a login. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Must be at least 3 characters')
  .max(64, 'Must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/, 'May contain only letters a–z, digits, dots, hyphens and underscores');

/** OWASP ASVS 2.1: at least 12 characters, at most 128, any characters. */
export const NewPassword = z
  .string()
  .min(12, 'Must be at least 12 characters')
  .max(128, 'Must be at most 128 characters');

export const LoginInput = z
  .strictObject({
    username: z.string().trim().toLowerCase().min(1, 'Must not be empty').max(64),
    password: z.string().min(1, 'Must not be empty').max(128),
  })
  .meta({ id: 'Login' });
export type LoginInput = z.infer<typeof LoginInput>;

export const UserScope = z.object({
  countries: z.array(CountryAlpha2),
  siteIds: z.array(Id),
});

export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    countries: z.array(z.string()),
    siteIds: z.array(z.string()),
    isDemo: z.boolean().describe('A demo account, created only when Haven runs in demo mode'),
    disabled: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const SecondFactorStatus = z
  .enum(['not-required', 'enrol', 'verify', 'passed'])
  .describe(
    "'enrol' or 'verify': signed in by password alone; until the second factor is passed the session may only call the /session endpoints, everything else answers 403 mfa-required",
  );
export type SecondFactorStatus = z.infer<typeof SecondFactorStatus>;

export const SecondFactorMethod = z
  .enum(['authenticator-app', 'security-key'])
  .describe('An authenticator app (TOTP codes) or a security key / passkey (WebAuthn)');
export type SecondFactorMethod = z.infer<typeof SecondFactorMethod>;

export const Session = z
  .object({
    user: User,
    permissions: z.array(Permission),
    secondFactor: SecondFactorStatus,
    secondFactorMethods: z
      .array(SecondFactorMethod)
      .describe('The second factors this user has set up: what to offer at verification'),
    csrfToken: z
      .string()
      .describe('Send as the X-CSRF-Token header with every POST, PATCH, PUT and DELETE'),
    expiresAt: Timestamp,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const UserInput = z
  .strictObject({
    username: Username,
    displayName: SingleLine(200),
    password: NewPassword,
    role: Role,
    countries: z.array(CountryAlpha2).max(50).default([]),
    siteIds: z.array(Id).max(200).default([]),
  })
  .meta({ id: 'NewUser' });
export type UserInput = z.infer<typeof UserInput>;

export const UserChange = z
  .strictObject({
    displayName: SingleLine(200).optional(),
    password: NewPassword.optional(),
    role: Role.optional(),
    countries: z.array(CountryAlpha2).max(50).optional(),
    siteIds: z.array(Id).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UserChange' });
export type UserChange = z.infer<typeof UserChange>;

const MAX_TOKEN_DAYS = 366;

export const ApiTokenInput = z
  .strictObject({
    name: SingleLine(100).describe('What the token is for, e.g. the integration using it'),
    permissions: z
      .array(Permission)
      .min(1, 'A token needs at least one permission')
      .describe("A subset of the user's role permissions"),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS),
  })
  .meta({ id: 'NewApiToken' });
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    permissions: z.array(Permission),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: 'ApiToken' });

export const CreatedApiToken = ApiToken.extend({
  token: z
    .string()
    .describe('Shown once; Haven keeps only its hash. Send as "Authorization: Bearer …"'),
}).meta({ id: 'CreatedApiToken' });

/** The 6 digits an authenticator app shows (RFC 6238 TOTP, 30-second steps). */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Must be the 6 digits your authenticator app shows');

export const MfaEnrolment = z
  .object({
    secret: z.string().describe('The shared secret in base32, for typing into the app by hand'),
    uri: z.string().describe('The otpauth:// URI (Key Uri Format) to show as a QR code'),
  })
  .meta({ id: 'MfaEnrolment' });
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

export const MfaConfirmation = z.strictObject({ code: TotpCode }).meta({ id: 'MfaConfirmation' });
export type MfaConfirmation = z.infer<typeof MfaConfirmation>;

export const MfaEnrolled = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .describe('Ten single-use codes for when the phone is lost; shown once, stored as hashes'),
    session: Session,
  })
  .meta({ id: 'MfaEnrolled' });
export type MfaEnrolled = z.infer<typeof MfaEnrolled>;

export const MfaVerification = z
  .strictObject({
    code: TotpCode.optional(),
    recoveryCode: z
      .string()
      .trim()
      .min(1, 'Must not be empty')
      .max(64, 'Must be at most 64 characters')
      .optional()
      .describe('One of the recovery codes, instead of a code'),
  })
  .refine((input) => (input.code === undefined) !== (input.recoveryCode === undefined), {
    message: 'Give either a code or a recovery code',
    path: ['code'],
  })
  .meta({ id: 'MfaVerification' });
export type MfaVerification = z.infer<typeof MfaVerification>;

const Base64Url = z
  .string()
  .max(16_384, 'Must be at most 16384 characters')
  .regex(/^[A-Za-z0-9_-]*$/, 'Must be base64url');

/**
 * WebAuthn options for navigator.credentials.create() or .get(), in the JSON form of the W3C
 * spec (PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON).
 */
export const WebAuthnOptions = z
  .looseObject({ challenge: Base64Url })
  .meta({ id: 'WebAuthnOptions' });
export type WebAuthnOptions = z.infer<typeof WebAuthnOptions>;

// Browsers add fields to these over time: the known ones are checked, the rest passed on to the
// WebAuthn verifier, which checks the signed parts.
const credentialOf = <T extends z.ZodType>(response: T) =>
  z.object({
    id: Base64Url.min(1, 'Must not be empty'),
    rawId: Base64Url.min(1, 'Must not be empty'),
    type: z.literal('public-key'),
    response,
    clientExtensionResults: z.looseObject({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  });

export const WebAuthnRegistration = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'Give the key a name')
      .max(60, 'Must be at most 60 characters')
      .describe('What the user calls the key, to tell keys apart'),
    credential: credentialOf(
      z.looseObject({
        clientDataJSON: Base64Url,
        attestationObject: Base64Url,
        transports: z.array(z.string().max(32)).max(10).optional(),
      }),
    ),
  })
  .meta({ id: 'WebAuthnRegistration' });
export type WebAuthnRegistration = z.infer<typeof WebAuthnRegistration>;

export const WebAuthnAuthentication = z
  .strictObject({
    credential: credentialOf(
      z.looseObject({
        clientDataJSON: Base64Url,
        authenticatorData: Base64Url,
        signature: Base64Url,
        userHandle: Base64Url.optional(),
      }),
    ),
  })
  .meta({ id: 'WebAuthnAuthentication' });
export type WebAuthnAuthentication = z.infer<typeof WebAuthnAuthentication>;

export const SecurityKey = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'SecurityKey' });
export type SecurityKey = z.infer<typeof SecurityKey>;

export const SecurityKeyEnrolled = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .describe(
        'Ten single-use codes when this key is the first second factor, shown once; empty otherwise',
      ),
    session: Session,
  })
  .meta({ id: 'SecurityKeyEnrolled' });
export type SecurityKeyEnrolled = z.infer<typeof SecurityKeyEnrolled>;
