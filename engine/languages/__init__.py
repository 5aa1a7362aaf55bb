"""The site's languages, one row each: everything that differs between them, looked up by code.

A row says what the site needs to show a language (its name, its address prefix and route words,
its Open Graph locale, the words the site adds to content) and how to handle its text (plurals of
glossary names, the words search leaves out, accent folding and stemming, the A–Z alphabet, how a
date is written, the reading-level formula). The engine, the URL patterns (carteducation/urls.py),
the middleware, the checker and search all read this table, so a third language is a new row here
(with its rules in a module beside english.py and spanish.py, and its interface words in
locale/<code>/), not a fork of any of them.

English is the source language: its files sit at the top of the content folder, and every other
language translates them in a mirrored tree, content/<code>/. Both languages fold accents and stem
words for search (Snowball's English and Spanish stemmers), so "side effect" finds "side effects"
and "celulas" finds "células".

Nothing here imports Django or the rest of the engine.
"""

import datetime
import functools
import string
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer

from . import english, spanish
from .english import ENGLISH_MONTHS, ENGLISH_STOP_WORDS, english_name_forms
from .spanish import SPANISH_MONTHS, SPANISH_STOP_WORDS, spanish_name_forms


@dataclass(frozen=True)
class Language:
    code: str  # as in <html lang>, hreflang, Content-Language and the folder content/<code>/
    # The site around the content
    name: str  # in its own language: what the language switch shows a reader of that language
    english_name: str  # for the checker's messages to editors, which are in English
    locale: str  # Open Graph's og:locale
    prefix: str  # where its pages live: "" for the default language, else "es/"
    # The words in its addresses, by the English word. Slugs of articles, sections and terms
    # come from the content files; these are the site's own words around them.
    routes: dict
    # What a link into this language says on a page that has no counterpart in it: in this
    # language, since it speaks to a reader of this language.
    missing: str
    # How many questions the printed handout has room for next to the key points, steps and
    # risks (articles/handout.py): a language that takes more words to say the same fits fewer.
    handout_questions: int
    # ... and next to the key points, risks and the care cards (when to call 911, when to call
    # the team), which take the room of the steps and of a few questions.
    handout_questions_beside_cards: int
    # The words the site adds to the content it renders
    copy_link: tuple  # a heading's link: (visible words, hidden words before the heading's name)
    # a citation: (hidden words before its number, what stands for a key no reference has)
    citation_words: tuple
    # care card level -> (the label that says the level, the heading when the editor gives none);
    # editors write the English level word in every language, the page says it in its own.
    care_levels: dict
    # Text
    name_forms: object  # function(name) -> set of the name and its regular plurals
    stop_words: frozenset  # as written; compared with query words after fold()
    stemmer: str | None  # a snowballstemmer algorithm, or None for no stemming in search
    fold_accents: bool  # search ignores accents (and ñ), so "celulas" finds "células"
    alphabet: tuple  # the letters of the A–Z index, in order
    date_format: str  # for Django's date filter, which names the month in the active language
    month_format: str  # a month and year, for the date filter: "November 2026"
    date_words: str  # the same for format_date(), outside a template: {day}, {month}, {year}
    months: tuple
    # Reading level (engine.readability): the syllable counter and the scores, main one first.
    syllables: object  # function(word as written, punctuation and all) -> int
    score_name: str
    score: object  # function(words, sentences, syllables) -> float
    more_scores: dict = field(default_factory=dict)  # other scores a report shows: name -> function


LANGUAGES = {
    "en": Language(
        code="en",
        name="English",
        english_name="English",
        locale="en_US",
        prefix="",
        routes={
            "articles": "articles",
            "all": "all",
            "handout": "handout",
            "glossary": "glossary",
            "search": "search",
            "questions": "questions",
            "about": "about",
            "privacy": "privacy",
            "accessibility": "accessibility",
            "help": "help",
            "tools": "tools",
            "team_card": "my-car-t-team",
            "temperature_log": "temperature-log",
            "conditions": "conditions",
            "clinicians": "clinicians",
            "for_clinicians": "for-clinicians",
        },
        missing="This page is not in English. Go to the English home page",
        handout_questions=8,
        handout_questions_beside_cards=4,
        copy_link=("Copy link", " to this part: "),
        citation_words=("Source ", "[source missing]"),
        care_levels={
            "non-urgent": ("Non-urgent:", "Speak to your care team"),
            "urgent": ("Urgent:", "Call your treatment team now, day or night"),
            "emergency": ("Emergency:", "Call 911 now"),
        },
        name_forms=english_name_forms,
        stop_words=ENGLISH_STOP_WORDS,
        stemmer="english",  # Snowball's English (Porter2): "effects" and "effect" share a stem
        fold_accents=True,  # "Guillain-Barre" finds "Guillain-Barré"
        alphabet=tuple(string.ascii_uppercase),
        date_format="j F Y",
        month_format="F Y",
        date_words="{day} {month} {year}",
        months=ENGLISH_MONTHS,
        syllables=english.syllables,
        score_name="Flesch-Kincaid grade",
        score=english.flesch_kincaid_grade,
    ),
    "es": Language(
        code="es",
        name="Español",
        english_name="Spanish",
        locale="es_US",
        prefix="es/",
        routes={
            "articles": "articulos",
            "all": "todo",
            "handout": "hoja-para-imprimir",
            "glossary": "glosario",
            "search": "buscar",
            "questions": "preguntas",
            "about": "acerca-de",
            "privacy": "privacidad",
            "accessibility": "accesibilidad",
            "help": "ayuda",
            "tools": "herramientas",
            "team_card": "mi-equipo-de-car-t",
            "temperature_log": "registro-de-temperatura",
            "conditions": "enfermedades",
            "clinicians": "profesionales",
            "for_clinicians": "para-profesionales",
        },
        missing="Esta página no está en español. Vaya a la página principal en español",
        # Spanish runs about a fifth longer than English: fewer questions keep one sheet. Beside
        # the care cards and the journey, none: the sheet holds the key points, the journey and
        # the risks, and the questions are a QR code away (tests/browser/test_handout_print.py).
        handout_questions=6,
        handout_questions_beside_cards=1,
        copy_link=("Copiar enlace", " a esta parte: "),
        citation_words=("Fuente ", "[falta la fuente]"),
        care_levels={
            "non-urgent": ("No urgente:", "Hable con su equipo de atención médica"),
            "urgent": ("Urgente:", "Llame ahora a su equipo de tratamiento, de día o de noche"),
            "emergency": ("Emergencia:", "Llame al 911 ahora"),
        },
        name_forms=spanish_name_forms,
        stop_words=SPANISH_STOP_WORDS,
        stemmer="spanish",
        fold_accents=True,
        alphabet=(*"ABCDEFGHIJKLMN", "Ñ", *"OPQRSTUVWXYZ"),
        date_format=r"j \d\e F \d\e Y",  # 23 de noviembre de 2026, as Django's own es format
        month_format=r"F \d\e Y",  # noviembre de 2026
        date_words="{day} de {month} de {year}",
        months=SPANISH_MONTHS,
        syllables=spanish.count_syllables,
        score_name="INFLESZ",
        score=spanish.inflesz,
        more_scores={"Fernández-Huerta": spanish.fernandez_huerta},
    ),
}
DEFAULT_LANGUAGE = "en"  # the language of a path with no language prefix
# The language every other one translates, at the top of the content folder.
SOURCE_LANGUAGE = "en"
TRANSLATIONS = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)

# The article's own pages, whose addresses sit where a section's would
# (/articles/<article>/all/ beside /articles/<article>/<section>/), by their English route word,
# with what an editor is told when a section takes one of their words as its slug.
ARTICLE_PAGES = {
    "all": "the whole article on one page",
    "handout": "the printable handout",
}


def get_language(code=DEFAULT_LANGUAGE):
    """The row for a language code; a ValueError names the codes there are."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise ValueError(f'no language "{code}"; the site has {", ".join(LANGUAGES)}') from None


# --- Addresses -------------------------------------------------------------------------------


def language_of_path(path):
    """The language a site path is in: the one whose prefix it starts with, else the default."""
    for code, language in LANGUAGES.items():
        if language.prefix and (path + "/").startswith("/" + language.prefix):
            return code
    return DEFAULT_LANGUAGE


def other_languages(language):
    return [code for code in LANGUAGES if code != language]


def url_name(language, name):
    """The URL name of a page in a language: "articles:section" in English is
    "es:articles:section" in Spanish (the site puts each translation in its own namespace)."""
    return name if language == DEFAULT_LANGUAGE else f"{language}:{name}"


def reserved_section_slugs(language):
    """{slug: the page that has it} for the section slugs `language`'s addresses already use."""
    words = LANGUAGES[language].routes if language in LANGUAGES else {}
    return {words[word]: page for word, page in ARTICLE_PAGES.items() if word in words}


# --- Text ------------------------------------------------------------------------------------


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
