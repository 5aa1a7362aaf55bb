"""Spanish: the rules the site follows for Spanish text, one row of engine.languages.

Regular plurals of glossary names (the Real Academia's rules), the words search leaves out,
month names, and the reading level: the Szigriszt-Pazos perspicuity read on the INFLESZ scale,
with Fernández-Huerta beside it. Syllables come from engine/languages/spanish_syllables.py,
because hyphenation never splits two vowels ("dí-a", "le-er") and so undercounts Spanish.
"""

import itertools

from .spanish_syllables import count_syllables  # noqa: F401 (the row's syllable counter)

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


# --- Reading level ---------------------------------------------------------------------------


def inflesz(words, sentences, syllables):
    # Szigriszt-Pazos perspicuity, read on the INFLESZ scale (Barrio-Cantalejo 2008): below 40
    # very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, above 80 very easy.
    return 206.835 - 62.3 * syllables / words - words / sentences


# The steps of the INFLESZ scale, each from its lower bound: 65 up to 80 is "bastante fácil".
INFLESZ_BANDS = ((80, "muy fácil"), (65, "bastante fácil"), (55, "normal"), (40, "algo difícil"))


def inflesz_band(score):
    """The name of the INFLESZ step a score falls in; below 40, "muy difícil"."""
    return next((name for floor, name in INFLESZ_BANDS if score >= floor), "muy difícil")


def fernandez_huerta(words, sentences, syllables):
    # Fernández-Huerta's Spanish adaptation of Flesch reading ease (0-100, higher is easier).
    return 206.84 - 0.60 * (100 * syllables / words) - 1.02 * words / sentences
