/** A problem with one field, from the client-side schema check or the server's problem+json. */
export interface FormError {
  /** Dotted path as the API names it, e.g. 'household.members[0].birthDate'. */
  readonly field: string;
  /** The contract's English message; translated when shown. */
  readonly message: string;
  /** The zod issue code, when the error was found in the browser. */
  readonly code?: string;
}

/** Renders a path such as ['household', 'members', 0, 'givenName'] as 'household.members[0].givenName'. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => {
    if (typeof part === 'number') {
      return `${name}[${part}]`;
    }
    const text = String(part);
    return name ? `${name}.${text}` : text;
  }, '');
}

/** The id of the input (or group) showing a field: ids cannot hold dots or brackets usefully. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** The enclosing field: 'a.b[0].c' → 'a.b[0]' → 'a.b' → 'a' → undefined. */
export function parentField(field: string): string | undefined {
  const match = /^(.*)(?:\[\d+\]|\.[^.[\]]+)$/.exec(field);
  return match?.[1] || undefined;
}

export interface PlacedErrors {
  /** Errors by the field whose input shows them, in the order of the form. */
  readonly byField: ReadonlyMap<string, readonly FormError[]>;
  /** Errors no input on the form can show (e.g. a field the form never sends). */
  readonly unplaced: readonly FormError[];
  /** Every error, in the order of the form and then the unplaced ones. */
  readonly inFormOrder: readonly FormError[];
}

/**
 * Attaches each error to the input of its field, or else to the nearest enclosing group that
 * the form shows (an unknown needs code lands on the member's specific-needs group).
 * `shownFields` lists the form's fields in the order they appear.
 */
export function placeErrors(
  errors: readonly FormError[],
  shownFields: ReadonlySet<string>,
): PlacedErrors {
  const found = new Map<string, FormError[]>();
  const unplaced: FormError[] = [];
  for (const error of errors) {
    let target: string | undefined = error.field;
    while (target !== undefined && !shownFields.has(target)) {
      target = parentField(target);
    }
    if (target === undefined) {
      unplaced.push(error);
    } else {
      found.set(target, [...(found.get(target) ?? []), error]);
    }
  }
  const byField = new Map(
    [...shownFields].flatMap((field) => {
      const at = found.get(field);
      return at ? [[field, at] as const] : [];
    }),
  );
  return { byField, unplaced, inFormOrder: [...[...byField.values()].flat(), ...unplaced] };
}

/** The field an error is shown at, or undefined when only the summary shows it. */
export function placedFieldOf(error: FormError, placed: PlacedErrors): string | undefined {
  for (const [field, errors] of placed.byField) {
    if (errors.includes(error)) {
      return field;
    }
  }
  return undefined;
}

/**
 * One error per field, the first found: an empty name breaks three rules at once, and "Enter a
 * value" is the only one worth reading.
 */
export function firstErrorPerField(errors: readonly FormError[]): FormError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (seen.has(error.field)) {
      return false;
    }
    seen.add(error.field);
    return true;
  });
}
