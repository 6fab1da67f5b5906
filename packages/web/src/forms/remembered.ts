// A registrar works at one site all day: remember the site and their name between households.
// TODO(#4): the registrar becomes the signed-in user once authentication exists.
const SITE_KEY = 'haven.siteId';
const REGISTRAR_KEY = 'haven.registrar';

export interface Remembered {
  readonly siteId?: string;
  readonly registrar?: string;
}

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined; // storage disabled (private browsing): nothing remembered
  }
}

export function readRemembered(): Remembered {
  const siteId = read(SITE_KEY);
  const registrar = read(REGISTRAR_KEY);
  return { ...(siteId ? { siteId } : {}), ...(registrar ? { registrar } : {}) };
}

export function remember({ siteId, registrar }: { siteId: string; registrar: string }): void {
  try {
    localStorage.setItem(SITE_KEY, siteId);
    localStorage.setItem(REGISTRAR_KEY, registrar);
  } catch {
    // Storage full or disabled: the next form starts empty, nothing else breaks.
  }
}
