"""Everything that differs between the site's languages, looked up by language code.

One row per language in LANGUAGES: how glossary names make their plurals, which words search
leaves out, how search folds accents and stems words, the alphabet of the glossary's A–Z index,
how a date is written, and the reading-level formula (the row in engine.readability). Linking,
the glossary index and search take a language code and ask this module, so a third language is
a new row here, not a fork of those modules.

Both languages fold accents and stem words for search (Snowball's English and Spanish stemmers),
so "side effect" finds "side effects" and "celulas" finds "células".
"""

import datetime
import functools
import itertools
import string
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from . import readability

# --- English ---------------------------------------------------------------------------------


def english_name_forms(name):
    """The name and its regular plurals: "s", "es", and "y" to "ies" after a consonant."""
    forms = {name, name + "s", name + "es"}
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        forms.add(name[:-1] + "ies")
    return forms


# Words that would match nearly every page; left out unless the query has nothing else.
# Patients type questions ("am I eligible", "how much does it cost"): the question's own words
# are left out too.
ENGLISH_STOP_WORDS = frozenset({
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "by", "can", "could",
    "did", "do", "does", "for", "from", "get", "got", "happen", "happens", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "much", "my", "of",
    "on", "or", "our",
    "she", "should", "so", "that", "the", "their", "them", "there", "they", "this", "to", "us",
    "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would",
    "you", "your",
})  # fmt: skip

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


# --- Spanish plurals -------------------------------------------------------------------------
# The rules of the Real Academia's Ortografía (2010) for regular plurals, as they apply to the
# nouns and adjectives a medical glossary names. Irregular plurals come from a term's `plurals:`
# front matter key, or from SPANISH_IRREGULAR_PLURALS for the few common ones.

# A name is pluralised up to its first preposition: "síndromes de liberación de citocinas".
SPANISH_PREPOSITIONS = frozenset(
    {"a", "al", "con", "contra", "de", "del", "en", "para", "por", "sin", "sobre", "tras"}
)
# Small words inside a name that never change: "linfomas no Hodgkin".
SPANISH_UNCHANGED_WORDS = frozenset({"no", "y", "e", "o", "u"})
# Words whose plural moves the accent or loses a syllable's stress; the rules cannot see these.
SPANISH_IRREGULAR_PLURALS = {
    "régimen": "regímenes",
    "espécimen": "especímenes",
    "carácter": "caracteres",
}
STRONG = set("aeoáéó")
WEAK = set("iuü")
ACCENTED = set("áéíóú")
VOWELS = STRONG | WEAK | ACCENTED
TAKE_ACCENT = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
DROP_ACCENT = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def _nuclei(word):
    """The vowels of each syllable of a lower-case word, as lists of positions, in order.

    Enough of Spanish syllabification to place stress: two strong vowels or an accented weak
    vowel next to another vowel make two syllables (le-er, dí-a); any other vowels side by side
    make one (cie-lo). The u of que, qui, gue, gui is silent.
    """
    nuclei, previous = [], None
    for position, letter in enumerate(word):
        silent_u = (
            letter == "u"
            and position > 0
            and word[position - 1] in "qg"
            and word[position + 1 : position + 2] in ("e", "i", "é", "í")
        )
        if letter not in VOWELS or silent_u:
            previous = None
            continue
        joins = (
            previous is not None
            and not (previous in STRONG and letter in STRONG)
            and previous not in "íú"
            and letter not in "íú"
        )
        if joins:
            nuclei[-1].append(position)
        else:
            nuclei.append([position])
        previous = letter
    return nuclei


def _stressed_vowel(word, nucleus):
    """The vowel of a syllable that carries its stress (and so its written accent)."""
    strong = [position for position in nucleus if word[position] in STRONG]
    return strong[0] if strong else nucleus[-1]


def _accent_on_last_syllable(word, nuclei):
    """Whether the word's written accent is on its last syllable (remisión, compás, país)."""
    marked = [position for position, letter in enumerate(word) if letter in ACCENTED]
    return bool(marked and nuclei and marked[-1] in nuclei[-1])


def _keeps_accent(word, position):
    # An accented i or u beside another vowel marks a hiatus, which the plural keeps: país,
    # países; raíz, raíces; baúl, baúles.
    return word[position] in "íú" and (
        word[position - 1 : position] in VOWELS or word[position + 1 : position + 2] in VOWELS
    )


def _add_es(word):
    """word + "es", with the accent mark the longer word needs (or no longer needs)."""
    lower = word.lower()
    nuclei = _nuclei(lower)
    if _accent_on_last_syllable(lower, nuclei):
        # remisión -> remisiones, compás -> compases: stress now falls on the second-to-last
        # syllable of a word ending in a vowel or s, which needs no mark.
        position = max(p for p in nuclei[-1] if lower[p] in ACCENTED)
        if not _keeps_accent(lower, position):
            word = word[:position] + word[position].translate(DROP_ACCENT) + word[position + 1 :]
    elif lower.endswith("n") and len(nuclei) >= 2 and not ACCENTED & set(lower):
        # examen -> exámenes, joven -> jóvenes: a word ending in n is stressed on its
        # second-to-last syllable; with one syllable more it is stressed third from the end,
        # which always takes a mark.
        position = _stressed_vowel(lower, nuclei[-2])
        word = word[:position] + word[position].translate(TAKE_ACCENT) + word[position + 1 :]
    return word + "es"


def _kept_as_written(word):
    """Letters, abbreviations and codes are not pluralised: linfocitos B, células CAR-T, CD19."""
    letters = [c for c in word if c.isalpha()]
    return (
        not letters
        or any(c.isdigit() for c in word)
        or (len(letters) == 1 and letters[0].isupper())
        or all(c.isupper() for c in letters)
    )


def spanish_word_plurals(word):
    """The regular plurals of one Spanish noun or adjective (usually one; rubí has two)."""
    if _kept_as_written(word):
        return [word]
    lower = word.lower()
    if lower in SPANISH_IRREGULAR_PLURALS:
        plural = SPANISH_IRREGULAR_PLURALS[lower]
        return [plural.capitalize() if word[0].isupper() else plural]
    last = lower[-1]
    if last in "íú":
        return [word + "es", word + "s"]  # rubíes or rubís, tabúes or tabús: both are right
    if last in VOWELS:
        return [word + "s"]  # célula -> células, café -> cafés, sofá -> sofás
    if last == "z":
        return [word[:-1] + "ces"]  # luz -> luces, raíz -> raíces
    nuclei = _nuclei(lower)
    if last in "sx":
        # Stressed on the last syllable (or only one syllable): mes -> meses, compás ->
        # compases, fax -> faxes. Otherwise it stays the same: lupus, tórax, análisis, crisis.
        if len(nuclei) <= 1 or _accent_on_last_syllable(lower, nuclei):
            return [_add_es(word)]
        return [word]
    if last in "lrndjy" or lower.endswith("ch"):
        return [_add_es(word)]  # hospital -> hospitales, remisión -> remisiones, ley -> leyes
    return [word + "s"]  # other final consonants are in words from other languages: test, tests


def spanish_name_forms(name):
    """A Spanish name and its plurals: every word before the first preposition is pluralised.

    "célula plasmática" -> "células plasmáticas" (the adjective agrees); "síndrome de liberación
    de citocinas" -> "síndromes de liberación de citocinas"; "linfocito B" -> "linfocitos B";
    "linfoma no Hodgkin" -> "linfomas no Hodgkin".
    """
    words = name.split()
    if not words:
        return {name}
    cut = next(
        (i for i, word in enumerate(words) if i > 0 and word.lower() in SPANISH_PREPOSITIONS),
        len(words),
    )
    choices = [
        # After the first word, a capitalised word is a name (Hodgkin) and stays as it is.
        [word]
        if index and (word[:1].isupper() or word in SPANISH_UNCHANGED_WORDS)
        else spanish_word_plurals(word)
        for index, word in enumerate(words[:cut])
    ]
    forms = {name}
    for plural in itertools.islice(itertools.product(*choices), 16):
        forms.add(" ".join([*plural, *words[cut:]]))
    return forms


# Common words that would match nearly every page: articles, pronouns, prepositions,
# conjunctions, forms of ser, estar, haber and tener, and question words. Written with their
# accents; a query is compared with them folded, so "que" and "qué" are both left out.
SPANISH_STOP_WORDS = frozenset({
    "a", "al", "algo", "algún", "alguna", "algunas", "alguno", "algunos", "ante", "así", "cada",
    "como", "cómo", "con", "cual", "cuál", "cuando", "cuándo", "cuánto", "cuánta", "cuántos",
    "cuántas", "de", "debo", "del", "desde", "donde",
    "dónde", "durante", "e", "el", "él", "ella", "ellas", "ellos", "en", "entre", "era", "es",
    "esa", "esas", "ese", "eso", "esos", "esta", "está", "están", "estar", "estas", "este",
    "esto", "estos", "fue", "ha", "han", "hay", "la", "las", "le", "les", "lo", "los", "más",
    "me", "mi", "mis", "muy", "ni", "no", "nos", "o", "otra", "otras", "otro", "otros", "para",
    "pero", "por", "porque", "puede", "pueden", "puedo", "qué", "que", "quién", "se", "sea",
    "ser", "si", "sí", "sin", "sobre", "son", "soy", "estoy", "su", "sus", "también", "te",
    "tengo", "tiene", "tienen", "tras", "tu", "tus", "u", "un", "una", "unas", "uno", "unos",
    "usted", "ustedes", "voy", "mí", "y", "ya", "yo",
})  # fmt: skip

SPANISH_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip


# --- The table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    code: str
    name_forms: object  # function(name) -> set of the name and its regular plurals
    stop_words: frozenset  # as written; compared with query words after fold()
    stemmer: str | None  # a snowballstemmer algorithm, or None for no stemming in search
    fold_accents: bool  # search ignores accents (and ñ), so "celulas" finds "células"
    alphabet: tuple  # the letters of the A–Z index, in order
    date_format: str  # for Django's date filter, which names the month in the active language
    month_format: str  # a month and year, for the date filter: "November 2026"
    date_words: str  # the same for format_date(), outside a template: {day}, {month}, {year}
    months: tuple

    @property
    def readability(self):
        """The reading-level formula and syllable counter (engine.readability.LANGUAGES)."""
        return readability.LANGUAGES[self.code]


LANGUAGES = {
    "en": Language(
        code="en",
        name_forms=english_name_forms,
        stop_words=ENGLISH_STOP_WORDS,
        stemmer="english",  # Snowball's English (Porter2): "effects" and "effect" share a stem
        fold_accents=True,  # "Guillain-Barre" finds "Guillain-Barré"
        alphabet=tuple(string.ascii_uppercase),
        date_format="j F Y",
        month_format="F Y",
        date_words="{day} {month} {year}",
        months=ENGLISH_MONTHS,
    ),
    "es": Language(
        code="es",
        name_forms=spanish_name_forms,
        stop_words=SPANISH_STOP_WORDS,
        stemmer="spanish",
        fold_accents=True,
        alphabet=(*"ABCDEFGHIJKLMN", "Ñ", *"OPQRSTUVWXYZ"),
        date_format=r"j \d\e F \d\e Y",  # 23 de noviembre de 2026, as Django's own es format
        month_format=r"F \d\e Y",  # noviembre de 2026
        date_words="{day} de {month} de {year}",
        months=SPANISH_MONTHS,
    ),
}
DEFAULT_LANGUAGE = "en"


def get_language(code=DEFAULT_LANGUAGE):
    """The row for a language code; a ValueError names the codes there are."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise ValueError(f'no language "{code}"; the site has {", ".join(LANGUAGES)}') from None


def name_forms(name, language=DEFAULT_LANGUAGE, plurals=()):
    """The name, its regular plurals in the language, and any irregular plurals given."""
    return get_language(language).name_forms(name) | {p for p in plurals if p.strip()}


# --- Search ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _without_accents(text):
    marks = unicodedata.normalize("NFD", text)
    return "".join(c for c in marks if not unicodedata.combining(c)).lower()


def fold(text, language=DEFAULT_LANGUAGE):
    """Text as search compares it: lower case and, where the language folds, without accents.

    Spanish folds ñ to n as well: readers without a Spanish keyboard type "nino" for "niño", and
    on this site a word that differs only by ñ (año, ano) costs at most an extra result.
    """
    if not get_language(language).fold_accents:
        return text.lower()
    return _without_accents(text)


@functools.cache
def _stemmer(algorithm):
    return snowballstemmer.stemmer(algorithm)


# A snowballstemmer object keeps its working state on itself, so two threads must not share one
# at the same moment (gunicorn may run threads).
_STEMMING = threading.Lock()


@functools.lru_cache(maxsize=16384)
def stem(word, language=DEFAULT_LANGUAGE):
    """The stem of one word, folded; the folded word itself for a language without a stemmer.

    The word is folded before stemming, so "nino" and "niños" share the stem "nin".
    """
    row = get_language(language)
    folded = fold(word, language)
    if row.stemmer is None:
        return folded
    with _STEMMING:
        stemmed = _stemmer(row.stemmer).stemWord(folded)
    return fold(stemmed, language)


def is_stop_word(word, language=DEFAULT_LANGUAGE):
    return fold(word, language) in _folded_stop_words(language)


@functools.cache
def _folded_stop_words(language):
    return frozenset(fold(word, language) for word in get_language(language).stop_words)


# --- The A–Z index ---------------------------------------------------------------------------

OTHER_LETTER = "#"  # the index group for names that start with a digit or symbol


def index_letter(text, language=DEFAULT_LANGUAGE):
    """The letter a name is filed under: "Óvulo" under O, "ñandú" under Ñ in Spanish.

    A letter of the language's alphabet counts as written; any other letter without its accent;
    a digit or symbol goes under "#".
    """
    alphabet = get_language(language).alphabet
    first = unicodedata.normalize("NFC", text[:2])[:1]  # "N" + a combining tilde is one letter
    if first.upper() in alphabet:
        return first.upper()
    base = unicodedata.normalize("NFKD", first)[:1].upper()
    return base if base in alphabet else OTHER_LETTER


def sort_key(text, language=DEFAULT_LANGUAGE):
    """How names are put in order in the language: accents ignored, each letter in its place.

    English keeps the order it always had; in Spanish ñ comes after every n (nz < ñ < o).
    """
    row = get_language(language)
    if not row.fold_accents:
        return " ".join(unicodedata.normalize("NFKD", text).split()).lower()
    alphabet = row.alphabet
    keep = {letter.lower() for letter in alphabet if len(unicodedata.normalize("NFD", letter)) > 1}
    key = []
    for character in " ".join(unicodedata.normalize("NFC", text).split()).lower():
        if character in keep:
            # ñ sorts just after n: "n" followed by a mark above every letter.
            key.append(unicodedata.normalize("NFD", character)[0] + "\uffff")
        else:
            key.append(fold(character, language))
    return "".join(key)


# --- Dates -----------------------------------------------------------------------------------


def date_format(language=DEFAULT_LANGUAGE):
    """The format for Django's date filter: "j F Y" reads 23 November 2026 in English."""
    return get_language(language).date_format


def month_format(language=DEFAULT_LANGUAGE):
    """The format for a month and year: "F Y" reads November 2026 in English."""
    return get_language(language).month_format


def format_date(date: datetime.date, language=DEFAULT_LANGUAGE):
    """A date written out in the language: "23 November 2026", "23 de noviembre de 2026"."""
    row = get_language(language)
    return row.date_words.format(day=date.day, month=row.months[date.month - 1], year=date.year)
