import { hasCyrillic } from '@haven/core';

interface PersonNameProps {
  readonly familyName: string;
  readonly givenName: string;
  readonly patronymic?: string | null;
  readonly familyNameLatin: string;
  readonly givenNameLatin: string;
  readonly patronymicLatin?: string | null;
}

const joined = (...parts: readonly (string | null | undefined)[]): string =>
  parts.filter(Boolean).join(' ');

/** A name as the person writes it, with its KMU-55 Latin form (as in their passport) when that differs. */
export function PersonName(props: PersonNameProps) {
  const original = joined(props.familyName, props.givenName, props.patronymic);
  const latin = joined(props.familyNameLatin, props.givenNameLatin, props.patronymicLatin);
  return (
    <>
      <span className="name" lang={hasCyrillic(original) ? 'uk' : undefined}>
        {original}
      </span>
      {latin !== original && <span className="name-latin">{latin}</span>}
    </>
  );
}
