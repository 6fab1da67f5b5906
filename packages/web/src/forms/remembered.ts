// A registrar works at one site all day: remember the site between households. Who registers is
// the signed-in user (issue #4), so no name is kept on the tablet.
const SITE_KEY = 'haven.siteId';
/** Where earlier versions kept the registrar's typed name; removed so it does not linger. */
const FORMER_REGISTRAR_KEY = 'haven.registrar';

export interface Remembered {
  readonly siteId?: string;
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
  return siteId ? { siteId } : {};
}

export function remember({ siteId }: { siteId: string }): void {
  try {
    localStorage.setItem(SITE_KEY, siteId);
    localStorage.removeItem(FORMER_REGISTRAR_KEY);
  } catch {
    // Storage full or disabled: the next form starts empty, nothing else breaks.
  }
}
