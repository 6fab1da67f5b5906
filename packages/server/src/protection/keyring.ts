import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
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
 * Whose data a value is: the host country of the record (ISO 3166-1 alpha-2, the country of the
 * site that registered the household), or `system` for data of no country (staff TOTP secrets).
 * Each scope seals with its own data key (see `dataKeyInfo`).
 */
export type DataScope = string;

/** The scope of data that belongs to no host country: staff accounts and their second factor. */
export const SYSTEM_SCOPE: DataScope = 'system';

const SCOPE_PATTERN = /^(?:[A-Z]{2}|system)$/;

/**
 * Where a sealed value lives. It is authenticated with the value, so a ciphertext copied onto
 * another row, column or country's record does not open (issue 7 item 3: values cannot be
 * swapped between people).
 */
export interface SealBinding {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
  /** The record's host country, or SYSTEM_SCOPE; it also chooses the data key. */
  readonly scope: DataScope;
}

/** What a blind index is for: each purpose has its own index key, so indexes never compare. */
export type BlindIndexPurpose = 'document-number';

/**
 * Seals and opens field values with AES-256-GCM. Sealed text is
 * `v2.<keyId>.<scope>.<iv base64url>.<ciphertext and tag base64url>`: it names its master key
 * and scope, so values sealed with older keys still open, and its version, so the format can
 * change. Values of the first format (`v1.<keyId>.<iv>.<body>`, sealed directly with the master
 * key before data keys were per country) still open; rotation re-seals them as v2.
 */
export interface Keyring {
  /**
   * The master key that seals new values of every country not pinned to its own, and computes
   * blind indexes; follows the key file when a rotation activates another.
   */
  readonly activeKeyId: string;
  /** Countries pinned to a master of their own (key file `countries`), by country code. */
  readonly pinnedKeyIds: ReadonlyMap<string, string>;
  /** The master key that seals new values of this scope: its pinned one, else the active one. */
  activeKeyIdFor(scope: DataScope): string;
  seal(plaintext: string, binding: SealBinding): string;
  /** Throws SealBrokenError (altered, or bound elsewhere) or UnknownDataKeyError; never garbage. */
  open(sealed: string, binding: SealBinding): string;
  /** The id of the master key a value was sealed with; throws SealBrokenError on a malformed value. */
  keyIdOf(sealed: string): string;
  /** Whether a value is sealed in the current format with its scope's active master (nothing to rotate). */
  isCurrent(sealed: string): boolean;
  /**
   * The keyed blind index of a value: `<keyId>.<HMAC-SHA256 base64url>` under the purpose's index
   * key derived from the master key `keyId` (the active one by default; never a country's pinned
   * one, as the index is global). Equal values give equal indexes,
   * so the column can be searched exactly, but without the key nobody can test a guess against it.
   */
  blindIndex(purpose: BlindIndexPurpose, value: string, keyId?: string): string;
  /**
   * The blind index of a value under every master key held, active first: what a search looks
   * for, so that rows indexed before a rotation are found until rotation has re-indexed them.
   */
  blindIndexes(purpose: BlindIndexPurpose, value: string): string[];
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

/** The sealed format: key id, scope, IV, body. */
const FORMAT = 'v2';
/** The first format, sealed with the master key itself: opened, never written. */
const LEGACY_FORMAT = 'v1';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12; // 96 bits, GCM's native nonce size (NIST SP 800-38D 8.2.2: random IVs)
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The HKDF `info` of a scope's data key. Each key-file key is a master; the key that seals a
 * country's data is HKDF-SHA256(master, info `haven:data-key:<scope>`) (RFC 5869; no salt, as a
 * master is already 32 uniformly random bytes). One key file thus serves every country and
 * rotates as one, yet a value of one country is sealed with a key no other country's values use,
 * and a derived key handed to one country's processor opens nothing of another's.
 */
export function dataKeyInfo(scope: DataScope): string {
  return `haven:data-key:${scope}`;
}

/**
 * The HKDF `info` of a blind-index key. Global, not per country: the same passport registered in
 * two countries must give the same index, or the duplicate would go unseen (issue 3).
 */
export function blindIndexInfo(purpose: BlindIndexPurpose): string {
  return `haven:blind-index:${purpose}`;
}

const DERIVED_KEY_BYTES = 32;

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, DERIVED_KEY_BYTES));
}

/** A key source decoded, with the active master at hand and derived keys made once each. */
interface LoadedKeys {
  readonly activeKeyId: string;
  readonly pinned: ReadonlyMap<string, string>;
  readonly masters: ReadonlyMap<string, Buffer>;
  /** Derived keys by `<keyId>/<info>`, and masters (legacy v1) by `<keyId>`. */
  readonly derived: Map<string, KeyObject>;
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
  let loaded = toLoadedKeys(source.load());
  let checkedAtMs = performance.now();

  const reload = (): void => {
    loaded = toLoadedKeys(source.load());
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
  const masterFor = (keyId: string): Buffer => {
    const known = loaded.masters.get(keyId);
    if (known) {
      return known;
    }
    // A rotation may have added the key since the last check.
    try {
      reload();
    } catch (error) {
      throw new UnknownDataKeyError(keyId, { cause: error });
    }
    const reloaded = loaded.masters.get(keyId);
    if (!reloaded) {
      throw new UnknownDataKeyError(keyId);
    }
    return reloaded;
  };
  /** The key derived from master `keyId` for `info` (undefined: the master itself, for v1). */
  const keyFor = (keyId: string, info: string | undefined): KeyObject => {
    const master = masterFor(keyId);
    const { derived } = loaded;
    const name = info === undefined ? keyId : `${keyId}/${info}`;
    let key = derived.get(name);
    if (!key) {
      key = createSecretKey(info === undefined ? master : derive(master, info));
      derived.set(name, key);
    }
    return key;
  };
  // Named by its master, as sealed values are: rotation finds the indexes left to recompute.
  const hmac = (keyId: string, purpose: BlindIndexPurpose, value: string): string =>
    `${keyId}.${createHmac('sha256', keyFor(keyId, blindIndexInfo(purpose)))
      .update(value, 'utf8')
      .digest('base64url')}`;

  return {
    get activeKeyId() {
      refresh();
      return loaded.activeKeyId;
    },
    get pinnedKeyIds() {
      refresh();
      return loaded.pinned;
    },
    activeKeyIdFor(scope) {
      refresh();
      return loaded.pinned.get(scope) ?? loaded.activeKeyId;
    },
    seal(plaintext, binding) {
      refresh();
      assertScope(binding);
      const keyId = loaded.pinned.get(binding.scope) ?? loaded.activeKeyId;
      const key = keyFor(keyId, dataKeyInfo(binding.scope));
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(FORMAT, keyId, binding));
      const body = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return [
        FORMAT,
        keyId,
        binding.scope,
        iv.toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed, binding) {
      refresh();
      assertScope(binding);
      const place = describe(binding);
      const parsed = parseSealed(sealed, place);
      const { format, keyId, scope, iv, body } = parsed;
      if (scope !== undefined && scope !== binding.scope) {
        // The tag would fail too (the scope is bound); this says why, naming no value.
        throw new SealBrokenError(
          `The sealed value of ${place} was sealed for ${scope} data, but the record is ` +
            `${binding.scope}'s: it was copied from another country's record`,
        );
      }
      const key = keyFor(keyId, scope === undefined ? undefined : dataKeyInfo(scope));
      const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(format, keyId, binding));
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
    isCurrent(sealed) {
      refresh();
      const { format, keyId, scope } = parseSealed(sealed, 'a sealed value');
      const expected =
        (scope === undefined ? undefined : loaded.pinned.get(scope)) ?? loaded.activeKeyId;
      return format === FORMAT && keyId === expected;
    },
    blindIndex(purpose, value, keyId) {
      refresh();
      return hmac(keyId ?? loaded.activeKeyId, purpose, value);
    },
    blindIndexes(purpose, value) {
      refresh();
      const { activeKeyId, masters } = loaded;
      const others = [...masters.keys()].filter((id) => id !== activeKeyId);
      return [activeKeyId, ...others].map((keyId) => hmac(keyId, purpose, value));
    },
  };
}

function assertScope(binding: SealBinding): void {
  if (!SCOPE_PATTERN.test(binding.scope)) {
    // A programming error (a binding built without the record's country), never user input.
    throw new DataKeyError(
      `No data scope for ${describe(binding)}: a host country code or 'system' is required`,
    );
  }
}

/**
 * The binding as additional authenticated data. A JSON array is unambiguous (no two bindings
 * encode alike, whatever characters they hold); the format, key id and (v2) scope are bound too.
 */
function associatedData(format: string, keyId: string, binding: SealBinding): Buffer {
  const place = [binding.table, binding.column, binding.rowId];
  return Buffer.from(
    JSON.stringify(
      format === LEGACY_FORMAT
        ? ['haven', format, keyId, ...place]
        : ['haven', format, keyId, binding.scope, ...place],
    ),
    'utf8',
  );
}

interface ParsedSeal {
  readonly format: string;
  readonly keyId: string;
  /** Undefined for a v1 value, sealed with the master key before scopes existed. */
  readonly scope: string | undefined;
  readonly iv: Buffer;
  readonly body: Buffer;
}

function parseSealed(sealed: string, place: string): ParsedSeal {
  const parts = sealed.split('.');
  const format = parts[0];
  const keyId = parts[1];
  const isLegacy = format === LEGACY_FORMAT;
  const scope = isLegacy ? undefined : parts[2];
  const [ivText, bodyText, ...rest] = parts.slice(isLegacy ? 2 : 3);
  const iv = decodeBase64Url(ivText);
  const body = decodeBase64Url(bodyText);
  if (
    (format !== FORMAT && !isLegacy) ||
    format === undefined ||
    keyId === undefined ||
    !KEY_ID_PATTERN.test(keyId) ||
    (!isLegacy && (scope === undefined || !SCOPE_PATTERN.test(scope))) ||
    iv?.length !== IV_BYTES ||
    body === undefined ||
    body.length < TAG_BYTES ||
    rest.length > 0
  ) {
    throw new SealBrokenError(`The sealed value of ${place} is malformed`);
  }
  return { format, keyId, scope, iv, body };
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

function toLoadedKeys(keys: DataKeys): LoadedKeys {
  if (!keys.keys.has(keys.active)) {
    throw new DataKeyError(`The active data key ${keys.active} is not among the keys`);
  }
  return {
    activeKeyId: keys.active,
    pinned: keys.pinned,
    masters: keys.keys,
    derived: new Map(),
  };
}

function singleKey(key: Buffer): DataKeys {
  const id = deriveKeyId(key);
  return { active: id, pinned: new Map(), keys: new Map([[id, key]]) };
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
  return { active: keys.active, pinned: keys.pinned, keys: merged };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
