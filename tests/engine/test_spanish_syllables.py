"""Spanish syllables counted from spelling, checked against words syllabified by hand."""

import pytest

from engine.languages.spanish_syllables import count_syllables

# Each word syllabified by hand, as it is spoken in standard Latin American Spanish; the test
# joins the pieces and expects one syllable per piece. Left out as genuinely ambiguous: "guion"
# and "construí" (one syllable or two: the RAE counts ui as a diphthong, many speakers say
# gui-ón, cons-tru-í), and "prohibir" and "ahumado" (the counter treats h as transparent, so
# their unaccented oi, au are diphthongs, proi-bir and ahu-ma-do as the RAE has them, while
# many speakers say pro-hi-bir, a-hu-ma-do). "autoinmunitaria" is in: its unaccented oi
# counts as a diphthong by the same rule, though careful speech may say au-to-in-.
# Grouped by rule, several words a line (ruff format would give each word its own line).
# fmt: off
SYLLABIFIED = (
    # Diphthongs: an unaccented i or u joins the vowel beside it.
    "cie-lo", "cui-da-do", "ciu-dad", "tie-rra", "bue-no", "au-to", "pei-ne", "fue-go", "rui-do",
    "vein-te", "a-cei-te", "deu-da", "cau-sa", "sua-ve", "a-gua", "an-ti-guo", "pa-cien-te",
    "tra-ta-mien-to", "fa-mi-lia", "ries-go", "ac-ción",
    # An accent on the strong vowel keeps the diphthong; triphthongs are one syllable.
    "miér-co-les", "es-tu-diáis", "buey", "U-ru-guay", "Pa-ra-guay", "a-ve-ri-guáis", "miau",
    "es-tu-diéis", "lim-piáis",
    # Two strong vowels are in hiatus, with or without an accent.
    "le-er", "po-e-ta", "ca-os", "ca-er", "te-a-tro", "o-cé-a-no", "a-é-re-o", "hé-ro-e",
    "ma-re-o", "pe-or", "le-ón", "em-ple-a-do", "cre-er", "pa-se-ar", "co-o-pe-rar",
    "zo-o-lo-gí-a", "ví-de-o", "ca-no-a",
    # An accented i or u beside another vowel is a syllable of its own; so is a repeated i.
    "dí-a", "ra-íz", "ba-úl", "o-í-do", "ca-í-da", "pa-ís", "frí-o", "rí-o", "re-ír", "le-í-a",
    "ma-íz", "Ra-úl", "re-ú-ne", "ac-tú-a", "con-ti-nú-a", "to-da-ví-a", "e-co-no-mí-a", "en-cí-a",
    "fri-í-si-mo", "chi-i-ta",
    # h is silent and does not separate vowels.
    "a-ho-ra", "bú-ho", "pro-hí-be", "re-hú-so", "ve-hí-cu-lo", "a-hí", "al-co-hol", "mo-ho",
    "za-na-ho-ria", "hue-vo", "hie-lo", "hos-pi-tal", "des-ha-cer", "hí-ga-do",
    # u is silent in que, qui, gue, gui, but not in güe, güi (or before a, o).
    "que-so", "que", "quien", "pe-que-ño", "má-qui-na", "quios-co", "gue-rra", "gui-ta-rra",
    "con-se-guir", "se-gui-mien-to", "pin-güi-no", "ver-güen-za", "a-ve-ri-güe", "lin-güís-ti-ca",
    "a-guan-tar",
    # y is a vowel at the end of a word or alone, a consonant elsewhere.
    "y", "muy", "rey", "hoy", "es-toy", "ya", "yo", "a-yu-da", "ma-yo", "le-yes", "ca-yó",
    "in-yec-ción",
    # ll, rr, ch and ñ are single consonants.
    "ca-lle", "ca-ba-llo", "lla-mar", "pe-rro", "a-rroz", "mu-cha-cho", "chi-co", "ri-ñón",
    "ni-ño", "es-pa-ñol",
    # Accented capitals count like small letters; a common word in capitals is read as a word.
    "Él", "Á-re-a", "Ór-ga-no", "Ú-ni-co", "Ín-di-ce", "Úl-ti-mo", "Á-RE-A",
    # Medical words.
    "leu-ca-fé-re-sis", "a-fé-re-sis", "in-mu-no-te-ra-pia", "ci-to-ci-nas", "ci-to-qui-nas",
    "lin-fo-ci-tos", "qui-mio-te-ra-pia", "au-toin-mu-ni-ta-ria", "an-ti-in-fla-ma-to-rio",
    "an-ti-cuer-pos", "en-fer-me-dad", "ci-clo-fos-fa-mi-da", "hi-po-gam-ma-glo-bu-li-ne-mia",
    "flu-da-ra-bi-na", "lu-pus", "me-di-ca-men-to", "neu-ro-lo-gí-a", "neu-ro-to-xi-ci-dad",
    "bio-lo-gí-a", "in-mu-no-su-pre-sión", "tras-plan-te", "es-cle-ro-sis", "sín-dro-me",
    "li-be-ra-ción", "re-mi-sión", "in-tra-ve-no-so", "he-ma-to-ló-gi-co", "a-nes-te-sia",
    "es-te-roi-des", "reu-ma-toi-de", "en-sa-yo", "lin-fo-ma", "leu-ce-mia",
    "trom-bo-ci-to-pe-nia", "diag-nós-ti-co", "fie-bre", "náu-se-as", "in-fu-sión", "cé-lu-las",
    "cuer-po", "te-ra-pia", "pa-cien-tes",
)
# fmt: on


@pytest.mark.parametrize("syllabified", SYLLABIFIED)
def test_syllables_match_the_hand_syllabified_word(syllabified):
    word = syllabified.replace("-", "")
    assert count_syllables(word) == syllabified.count("-") + 1


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("CAR-T", 2),  # CAR read as a word, T as its letter name: car-te
        ("ICANS", 2),  # i-cans
        ("UCI", 2),  # u-ci
        ("ADN", 4),  # a-de-e-ne
        ("FDA", 4),  # e-fe-de-a
        ("ARN", 5),  # a-e-rre-e-ne
        ("OMS", 5),  # o-e-me-e-se
        ("TNF", 5),  # te-e-ne-e-fe
        ("VIH", 5),  # u-ve-i-ha-che
        ("EE", 2),  # two letters are always spelled out: e-e
        ("B", 1),  # be, as in "linfocitos B"
        ("mg", 3),  # no vowel: spelled out, e-me-ge
    ],
)
def test_abbreviations_are_read_as_words_or_letter_by_letter(word, syllables):
    assert count_syllables(word) == syllables


def test_a_number_counts_two_syllables():
    assert count_syllables("6") == 2
    assert count_syllables("2026") == 2
    assert count_syllables("CD19") == 4  # ce-de and a number


def test_punctuation_around_a_word_is_ignored():
    assert count_syllables("¿Qué") == 1
    assert count_syllables("(días),") == 2


def test_words_joined_by_a_hyphen_or_slash_count_both():
    assert count_syllables("físico-químico") == 6
    assert count_syllables("él/ella") == 3


def test_a_word_with_no_letters_has_no_syllables():
    assert count_syllables("—") == 0
