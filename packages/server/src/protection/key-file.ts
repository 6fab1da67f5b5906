import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DataKeyError } from './errors.js';

/** AES-256: 32 bytes of key. */
export const DATA_KEY_BYTES = 32;

/** Key ids appear in sealed values between dots, so they never hold one. */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const keyFileSchema = z
  .object({
    active: z.string().regex(KEY_ID_PATTERN),
    /**
     * Host countries pinned to a master key of their own (ISO alpha-2 → key id): that country's
     * data keys derive from it instead of from `active`, so it rotates on its own and can be
     * retired on its own (its data then opens with nothing else).
     */
    countries: z
      .record(z.string().regex(/^[A-Z]{2}$/), z.string().regex(KEY_ID_PATTERN))
      .optional(),
    keys: z
      .array(
        z
          .object({
            id: z.string().regex(KEY_ID_PATTERN),
            key: z.string(),
            createdAt: z.iso.datetime({ offset: true }),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** The JSON key file: every key ever used (old values still open), and the one that seals. */
export type KeyFile = z.infer<typeof keyFileSchema>;

/** The keys of a key source, decoded: `active` seals, every key opens. */
export interface DataKeys {
  readonly active: string;
  /** Countries whose data seals with a master of their own, by country code. */
  readonly pinned: ReadonlyMap<string, string>;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * The id of a key given without one (HAVEN_DATA_KEY), and of every generated key: the first 8 hex
 * digits of its SHA-256, so that the same key always has the same id.
 */
export function deriveKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A key from its base64 text; `source` names it in messages, which never hold key material. */
export function decodeDataKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  // Node's decoder silently skips what is not base64: check the alphabet first.
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
  if (key?.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(
      `${source} must be ${DATA_KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`,
    );
  }
  return key;
}

/**
 * Reads and checks a key file. Like ssh with a private key, it refuses a file that other users can
 * read or write: these keys are all that stands between a database dump and the protection data.
 */
export function readKeyFile(path: string): { readonly file: KeyFile; readonly keys: DataKeys } {
  const stats = statKeyFile(path);
  assertPrivate(path, stats);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataKeyError(`Cannot read the data key file ${path}: ${fsReason(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the error, which may be key material.
    throw new DataKeyError(`The data key file ${path} is not valid JSON`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(file)').join(', ');
    throw new DataKeyError(
      `The data key file ${path} is not a Haven key file (check: ${fields}); expected ` +
        '{ "active": ID, "keys": [{ "id": ID, "key": BASE64, "createdAt": ISO }] }',
    );
  }
  const file = parsed.data;
  const keys = new Map<string, Buffer>();
  for (const entry of file.keys) {
    if (keys.has(entry.id)) {
      throw new DataKeyError(`The data key file ${path} holds key ${entry.id} twice`);
    }
    keys.set(entry.id, decodeDataKey(entry.key, `Key ${entry.id} in ${path}`));
  }
  if (!keys.has(file.active)) {
    throw new DataKeyError(
      `The data key file ${path} names ${file.active} active, but holds no such key`,
    );
  }
  const pinned = new Map(Object.entries(file.countries ?? {}));
  for (const [country, keyId] of pinned) {
    if (!keys.has(keyId)) {
      throw new DataKeyError(
        `The data key file ${path} pins ${country} to ${keyId}, but holds no such key`,
      );
    }
  }
  return { file, keys: { active: file.active, pinned, keys } };
}

/** What changes when the file is replaced or edited; compared to decide on a reload. */
export function keyFileVersion(path: string): string {
  const stats = statKeyFile(path);
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** Creates a key file with one new key, readable by its owner only. Never overwrites a file. */
export async function generateKeyFile(path: string): Promise<{ readonly keyId: string }> {
  const entry = newKeyEntry(new Set());
  const file: KeyFile = { active: entry.id, keys: [entry] };
  try {
    await writePrivateFile(path, file);
  } catch (error) {
    if (hasCode(error, 'EEXIST')) {
      throw new DataKeyError(
        `${path} already exists; refusing to overwrite it (its keys may be the only way to open ` +
          'sealed data). To add a key to it, run haven keys rotate --file ' +
          path,
      );
    }
    throw new DataKeyError(`Cannot create the data key file ${path}: ${fsReason(error)}`);
  }
  return { keyId: entry.id };
}

/**
 * Adds a new key to a key file and makes it active: for every country not pinned, or with
 * `country`, for that country alone (pinning it to the new key). The file is replaced whole (a
 * temporary file renamed over it), so a running server never reads half a file; old keys stay,
 * as old values still need them until `rotateDataKeys` has re-sealed everything.
 */
export async function addKeyToFile(
  path: string,
  options: { readonly country?: string | undefined } = {},
): Promise<{ readonly keyId: string; readonly previousKeyId: string }> {
  const { file } = readKeyFile(path);
  const entry = newKeyEntry(new Set(file.keys.map((k) => k.id)));
  const { country } = options;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    throw new DataKeyError(`${country} is not a country code (ISO 3166-1 alpha-2, e.g. PL)`);
  }
  const previousKeyId =
    country === undefined ? file.active : (file.countries?.[country] ?? file.active);
  const next: KeyFile =
    country === undefined
      ? { ...file, active: entry.id, keys: [...file.keys, entry] }
      : {
          ...file,
          countries: { ...file.countries, [country]: entry.id },
          keys: [...file.keys, entry],
        };
  // A fixed name, created exclusively: it doubles as a lock against two rotations at once.
  const temporary = `${path}.new`;
  try {
    await writePrivateFile(temporary, next);
  } catch (error) {
    if (hasCode(error, 'EEXIST')) {
      throw new DataKeyError(
        `${temporary} exists: another key rotation is running, or one was interrupted. ` +
          `If none is running, delete ${temporary} and try again.`,
      );
    }
    throw new DataKeyError(`Cannot write ${temporary}: ${fsReason(error)}`);
  }
  try {
    await rename(temporary, path);
    await syncDirectory(dirname(path));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new DataKeyError(`Cannot replace the data key file ${path}: ${fsReason(error)}`);
  }
  return { keyId: entry.id, previousKeyId };
}

/** A fresh random key, its id unique within the file. */
function newKeyEntry(taken: ReadonlySet<string>): KeyFile['keys'][number] {
  for (;;) {
    const key = randomBytes(DATA_KEY_BYTES);
    const id = deriveKeyId(key);
    if (!taken.has(id)) {
      return { id, key: key.toString('base64'), createdAt: new Date().toISOString() };
    }
  }
}

/** Writes a new file, owner-only from its first byte, and flushes it to disk before returning. */
async function writePrivateFile(path: string, file: KeyFile): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable; not every platform can open a directory, and then there is nothing to do. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle) {
    try {
      await handle.sync().catch(() => undefined);
    } finally {
      await handle.close();
    }
  }
}

function statKeyFile(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new DataKeyError(`Cannot read the data key file ${path}: ${fsReason(error)}`);
  }
}

function assertPrivate(path: string, stats: Stats): void {
  if (!stats.isFile()) {
    throw new DataKeyError(`The data key file ${path} is not a regular file`);
  }
  // Windows has no such mode bits; its ACLs are the administrator's to set.
  if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    throw new DataKeyError(
      `The data key file ${path} is open to other users (mode ${mode}); it must be readable by ` +
        `its owner only. Run: chmod 600 ${path}`,
    );
  }
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

/** Node's file-system messages name the call and the path, never file content. */
function fsReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
