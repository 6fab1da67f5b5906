/**
 * Whether this browser can draw a MapLibre map: it needs WebGL. A browser without it (an old
 * tablet, a locked-down laptop, happy-dom in the component tests) gets the text list instead of a
 * broken canvas.
 */
export function canDrawMap(): boolean {
  if (typeof document === 'undefined' || typeof window === 'undefined') {
    return false;
  }
  if (!('WebGLRenderingContext' in window)) {
    return false;
  }
  try {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    return context !== null;
  } catch {
    return false;
  }
}
