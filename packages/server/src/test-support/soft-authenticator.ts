import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';

/**
 * A security key in software, for tests: makes ES256 credentials with 'none' attestation and
 * signs assertions as a FIDO2 authenticator would (W3C WebAuthn Level 2, sections 6.1 and 6.5).
 */
export class SoftAuthenticator {
  private readonly keys = new Map<string, { privateKey: KeyObject; signCount: number }>();

  constructor(
    readonly origin: string,
    readonly rpId: string,
  ) {}

  private authenticatorData(signCount: number, attested?: Buffer): Buffer {
    const rpIdHash = createHash('sha256').update(this.rpId).digest();
    // User present (0x01), user verified (0x04), attested credential data (0x40).
    const flags = 0x01 | 0x04 | (attested ? 0x40 : 0);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(signCount);
    return Buffer.concat([rpIdHash, Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }),
    );
  }

  /** Answers registration options: a new key pair bound to the relying party. */
  create(options: { readonly challenge: string }) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const credentialId = randomBytes(16);
    const cose = encodeCBOR(
      new Map<number, CBORType>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, Buffer.from(cose)]);
    const attestationObject = encodeCBOR(
      new Map<string, CBORType>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', this.authenticatorData(0, attested)],
      ]),
    );
    const id = credentialId.toString('base64url');
    this.keys.set(id, { privateKey, signCount: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge).toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['usb'],
      },
      clientExtensionResults: {},
    };
  }

  /** Answers authentication options with the given key (the first one made by default). */
  get(options: { readonly challenge: string }, credentialId = [...this.keys.keys()][0] ?? '') {
    const key = this.keys.get(credentialId);
    if (!key) {
      throw new Error('no such key in this authenticator');
    }
    key.signCount += 1;
    const authenticatorData = this.authenticatorData(key.signCount);
    const clientData = this.clientData('webauthn.get', options.challenge);
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, createHash('sha256').update(clientData).digest()]),
      key.privateKey,
    );
    return {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }

  /** Makes the next assertion of a key reuse an old counter, as a cloned key would. */
  rewindCounter(credentialId: string): void {
    const key = this.keys.get(credentialId);
    if (key) {
      key.signCount = Math.max(0, key.signCount - 2);
    }
  }
}
