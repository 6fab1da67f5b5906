import { useTranslation } from 'react-i18next';

/**
 * Digits after the decimal point in a currency (ISO 4217 minor unit): 2 for PLN, UAH, EUR and
 * MDL, 0 for JPY. Amounts travel as integer minor units so that no sum is ever rounded.
 */
export function minorDigitsOf(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** An amount in minor units (70000 PLN grosze) as the reader's language writes it: "700,00 zł". */
export function formatMoney(amountMinor: number, currency: string, language: string): string {
  const digits = minorDigitsOf(currency);
  const major = amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}

/** An amount with its currency; the code stays readable beside the symbol for mixed currencies. */
export function Money({
  amountMinor,
  currency,
}: {
  readonly amountMinor: number;
  readonly currency: string;
}) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (
    <span className="money" data-currency={currency}>
      {formatMoney(amountMinor, currency, language)}
    </span>
  );
}
