/**
 * Ukrainian → Latin transliteration per Cabinet of Ministers of Ukraine Resolution No. 55
 * (27 January 2010), the standard used in Ukrainian passports since 2010.
 */

// Letters whose rendering differs at the start of a word (Resolution 55, table notes).
const WORD_INITIAL: Readonly<Record<string, string>> = {
  є: 'ye',
  ї: 'yi',
  й: 'y',
  ю: 'yu',
  я: 'ya',
};

const LETTERS: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  // Russian-only letters are outside the Ukrainian table; they still need a Latin form when a
  // name arrives written in Russian (older Soviet-era documents). Closest Ukrainian equivalents.
  ё: 'io',
  ъ: '',
  ы: 'y',
  э: 'e',
};

const APOSTROPHES = new Set(["'", '’', 'ʼ', '`', '‘', '′', 'ʹ']);

function isCyrillicLetter(ch: string): boolean {
  return LETTERS[ch.toLowerCase()] !== undefined;
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

/** Applies the case of the source letter to its Latin rendering ("Щ" → "Shch", or "SHCH" in all-caps words). */
function withCase(latin: string, source: string, isUpperWord: boolean): string {
  if (latin === '' || source === source.toLowerCase()) {
    return latin;
  }
  return isUpperWord ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
}

/**
 * Transliterates Ukrainian Cyrillic text into Latin per KMU Resolution 55 (2010). Non-Cyrillic
 * characters pass through unchanged, so a name already written in Latin stays as it is.
 * @example transliterateUkrainian('Згурський') // 'Zghurskyi'
 */
export function transliterateUkrainian(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  let wordStart = true;
  let isUpperWord = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const lower = ch.toLowerCase();
    // The apostrophe inside a Ukrainian word is not rendered (Мар'яна → Mariana); in a name
    // already in Latin (O'Neil) it is part of the name.
    if (
      APOSTROPHES.has(ch) &&
      isCyrillicLetter(chars[i - 1] ?? '') &&
      isCyrillicLetter(chars[i + 1] ?? '')
    ) {
      continue;
    }
    if (!isCyrillicLetter(ch)) {
      out += ch;
      wordStart = !isLetter(ch);
      continue;
    }
    if (wordStart) {
      isUpperWord = isAllUpperWord(chars, i);
    }
    let latin = (wordStart ? WORD_INITIAL[lower] : undefined) ?? LETTERS[lower] ?? '';
    // "зг" is rendered "zgh" so that it is not read back as "ж" (Resolution 55, note 1).
    if (lower === 'г' && chars[i - 1]?.toLowerCase() === 'з') {
      latin = 'gh';
    }
    out += withCase(latin, ch, isUpperWord);
    wordStart = false;
  }
  return out;
}

function isAllUpperWord(chars: readonly string[], start: number): boolean {
  let letters = 0;
  for (let j = start; j < chars.length; j++) {
    const c = chars[j] ?? '';
    if (!isLetter(c)) {
      if (APOSTROPHES.has(c)) {
        continue;
      }
      break;
    }
    letters++;
    if (c !== c.toUpperCase()) {
      return false;
    }
  }
  return letters > 1;
}

/** True when the text contains at least one Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}
