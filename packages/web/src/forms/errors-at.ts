import type { FormError } from './form-errors.js';

/** The errors shown at one field of the form. */
export type ErrorsAt = (field: string) => readonly FormError[];

export const noErrors: ErrorsAt = () => [];
