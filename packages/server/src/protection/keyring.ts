import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { DataKeyError, SealBrokenError, UnknownDataKeyError } from './errors.js';
import {
  DATA_KEY_BYTES,
  decodeDataKey,
  deriveKeyId,
  keyFileVersion,
  readKeyFile,
  type DataKeys,
} from './key-file.js';

/**
 * Where a sealed value lives. It is authenticated with the value, so a ciphertext copied onto
 * another row or column does not open (issue 7 item 3: values cannot be swapped between people).
 */
export interface SealBinding {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
}

/**
 * Seals and opens field values with AES-256-GCM. Sealed text is
 * `v1.<keyId>.<iv base64url>.<ciphertext and tag base64url>`: it names its key, so values sealed
 * with older keys still open, and its version, so the format can change.
 */
export interface Keyring {
  /** The key that seals new values; follows the key file when a rotation activates another. */
  readonly activeKeyId: string;
  seal(plaintext: string, binding: SealBinding): string;
  /** Throws SealBrokenError (altered, or bound elsewhere) or UnknownDataKeyError; never garbage. */
  open(sealed: string, binding: SealBinding): string;
  /** The id of the key a value was sealed with; throws SealBrokenError on a malformed value. */
  keyIdOf(sealed: string): string;
}

/** How often a running keyring looks at its key file for a newly activated key. */
export const KEY_FILE_CHECK_INTERVAL_MS = 2_000;

export interface LoadKeyringOptions {
  /** HAVEN_DATA_KEYS_FILE (a key file) and HAVEN_DATA_KEY (one base64 key) are read from here. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A key file path that takes the place of HAVEN_DATA_KEYS_FILE (the CLI's --file). */
  readonly file?: string | undefined;
  /** Tests set 0 to look at the file on every call. */
  readonly checkIntervalMs?: number;
  /** A changed key file that fails to load: the keyring keeps its keys and reports it here. */
  readonly onReloadError?: (error: DataKeyError) => void;
}

const FORMAT = 'v1';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12; // 96 bits, GCM's native nonce size (NIST SP 800-38D 8.2.2: random IVs)
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A key source decoded into key objects, with the active one at hand. */
interface LoadedKeys {
  readonly activeKeyId: string;
  readonly activeKey: KeyObject;
  readonly keys: ReadonlyMap<string, KeyObject>;
}

interface KeySource {
  load(): DataKeys;
  /** Whether `load` may now answer other keys; a cheap check (a stat), made every few seconds. */
  hasChanged(): boolean;
}

/**
 * The keyring of this process, from the environment: a key file (HAVEN_DATA_KEYS_FILE or `file`)
 * or a single key (HAVEN_DATA_KEY). With both, the file's active key seals and HAVEN_DATA_KEY only
 * opens: the way from a single key to a key file that can be rotated.
 */
export function loadKeyring(options: LoadKeyringOptions): Keyring {
  const path = options.file ?? nonEmpty(options.env.HAVEN_DATA_KEYS_FILE);
  const singleText = nonEmpty(options.env.HAVEN_DATA_KEY);
  const single =
    singleText === undefined ? undefined : singleKey(decodeDataKey(singleText, 'HAVEN_DATA_KEY'));
  if (path === undefined) {
    if (single === undefined) {
      throw new DataKeyError(
        'No data key: set HAVEN_DATA_KEYS_FILE to a key file (create one with haven keys ' +
          'generate --file PATH) or HAVEN_DATA_KEY to 32 random bytes in base64',
      );
    }
    return createKeyring(fixedSource(single), options);
  }
  let version: string | undefined;
  const source: KeySource = {
    load: () => {
      // The version is taken before reading: a change during the read is seen at the next check.
      version = keyFileVersion(path);
      const { keys } = readKeyFile(path);
      return single === undefined ? keys : withExtraKey(keys, single, path);
    },
    hasChanged: () => keyFileVersion(path) !== version,
  };
  return createKeyring(source, options);
}

/** A keyring with one random key that lives as long as the process: for tests and demos. */
export function createEphemeralKeyring(): Keyring {
  return createKeyring(fixedSource(singleKey(randomBytes(DATA_KEY_BYTES))), {});
}

function createKeyring(
  source: KeySource,
  options: Pick<LoadKeyringOptions, 'checkIntervalMs' | 'onReloadError'>,
): Keyring {
  const checkIntervalMs = options.checkIntervalMs ?? KEY_FILE_CHECK_INTERVAL_MS;
  let loaded = toKeyObjects(source.load());
  let checkedAtMs = performance.now();

  const reload = (): void => {
    loaded = toKeyObjects(source.load());
  };
  /** Picks up a rotation made while the process runs, without a restart. */
  const refresh = (): void => {
    const nowMs = performance.now();
    if (nowMs - checkedAtMs < checkIntervalMs) {
      return;
    }
    checkedAtMs = nowMs;
    try {
      if (source.hasChanged()) {
        reload();
      }
    } catch (error) {
      // Keep sealing with the keys we hold: a broken file must not stop registration.
      options.onReloadError?.(
        error instanceof DataKeyError ? error : new DataKeyError(String(error)),
      );
    }
  };
  const keyFor = (keyId: string): KeyObject => {
    const known = loaded.keys.get(keyId);
    if (known) {
      return known;
    }
    // A rotation may have added the key since the last check.
    try {
      reload();
    } catch (error) {
      throw new UnknownDataKeyError(keyId, { cause: error });
    }
    const reloaded = loaded.keys.get(keyId);
    if (!reloaded) {
      throw new UnknownDataKeyError(keyId);
    }
    return reloaded;
  };

  return {
    get activeKeyId() {
      refresh();
      return loaded.activeKeyId;
    },
    seal(plaintext, binding) {
      refresh();
      const { activeKeyId, activeKey } = loaded;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(activeKeyId, binding));
      const body = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return [FORMAT, activeKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, binding) {
      refresh();
      const place = describe(binding);
      const { keyId, iv, body } = parseSealed(sealed, place);
      const key = keyFor(keyId);
      const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(keyId, binding));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        const plaintext = Buffer.concat([
          decipher.update(body.subarray(0, body.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return plaintext.toString('utf8');
      } catch {
        throw new SealBrokenError(
          `The sealed value of ${place} does not open with key ${keyId}: it was altered, or ` +
            'it was sealed for another row or column',
        );
      }
    },
    keyIdOf(sealed) {
      return parseSealed(sealed, 'a sealed value').keyId;
    },
  };
}

/**
 * The binding as additional authenticated data. A JSON array is unambiguous (no two bindings
 * encode alike, whatever characters they hold); the format and key id are bound too.
 */
function associatedData(keyId: string, binding: SealBinding): Buffer {
  return Buffer.from(
    JSON.stringify(['haven', FORMAT, keyId, binding.table, binding.column, binding.rowId]),
    'utf8',
  );
}

function parseSealed(
  sealed: string,
  place: string,
): { readonly keyId: string; readonly iv: Buffer; readonly body: Buffer } {
  const [format, keyId, ivText, bodyText, ...rest] = sealed.split('.');
  const iv = decodeBase64Url(ivText);
  const body = decodeBase64Url(bodyText);
  if (
    format !== FORMAT ||
    keyId === undefined ||
    !KEY_ID_PATTERN.test(keyId) ||
    iv?.length !== IV_BYTES ||
    body === undefined ||
    body.length < TAG_BYTES ||
    rest.length > 0
  ) {
    throw new SealBrokenError(`The sealed value of ${place} is malformed`);
  }
  return { keyId, iv, body };
}

/** Strict: Node's decoder skips foreign characters, which would let an altered value through. */
function decodeBase64Url(text: string | undefined): Buffer | undefined {
  if (text === undefined) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function describe(binding: SealBinding): string {
  return `${binding.table}.${binding.column} of row ${binding.rowId}`;
}

function toKeyObjects(keys: DataKeys): LoadedKeys {
  const objects = new Map([...keys.keys].map(([id, key]) => [id, createSecretKey(key)] as const));
  const activeKey = objects.get(keys.active);
  if (!activeKey) {
    throw new DataKeyError(`The active data key ${keys.active} is not among the keys`);
  }
  return { activeKeyId: keys.active, activeKey, keys: objects };
}

function singleKey(key: Buffer): DataKeys {
  const id = deriveKeyId(key);
  return { active: id, keys: new Map([[id, key]]) };
}

function fixedSource(keys: DataKeys): KeySource {
  return { load: () => keys, hasChanged: () => false };
}

function withExtraKey(keys: DataKeys, extra: DataKeys, path: string): DataKeys {
  const merged = new Map(keys.keys);
  for (const [id, key] of extra.keys) {
    const same = merged.get(id);
    if (same && !same.equals(key)) {
      throw new DataKeyError(`HAVEN_DATA_KEY and key ${id} in ${path} share an id but differ`);
    }
    merged.set(id, key);
  }
  return { active: keys.active, keys: merged };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
