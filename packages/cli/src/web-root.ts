import { fileURLToPath } from 'node:url';

/** The built web app (packages/web/dist), found from this package's dist folder in the repository. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));
