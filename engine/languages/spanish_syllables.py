"""Spanish syllables, counted from the spelling: the syllable counts behind the INFLESZ score.

Hyphenation dictionaries undercount Spanish, because a line never breaks between two vowels
("dí-a", "le-er"), so this counts vowel nuclei instead, by these rules:

- Two strong vowels (a, e, o) side by side are in hiatus, two syllables: le-er, po-e-ta, ca-os.
- A weak vowel (i, u, ü) beside another vowel joins it in one syllable (a diphthong: cie-lo,
  cui-da-do, ciu-dad; a triphthong: buey, U-ru-guay), unless it carries an accent, which
  makes a hiatus: dí-a, ra-íz, ba-úl, o-í-do. A vowel never joins its twin: an-ti-in-fla-ma-to-rio.
- u is silent in que, qui, gue, gui (que-so, gui-ta-rra) but not with a diaeresis (pin-güi-no).
- h is silent and transparent: vowels on either side behave as if it were not there (a-ho-ra,
  bú-ho, pro-hí-be, za-na-ho-ria).
- y is a vowel only at the end of a word or alone (hoy, muy, y, U-ru-guay); elsewhere it is a
  consonant (a-yu-da).
- A word written in capitals is an abbreviation. It is read as a word when it looks like one
  (three letters or more, starting with a vowel, one consonant or a consonant with l or r, and
  ending in a vowel, one consonant other than h, ns or rs): CAR in CAR-T, ICANS, UCI. Otherwise
  it is read letter by letter, with the letters' Spanish names: ADN a-de-e-ne (4), FDA
  e-fe-de-a (4), the T of CAR-T (te, 1). Any other piece with no vowel (mg, Dr) is spelled too.
- A number (a run of digits) counts as two syllables, about what a short number has when read
  aloud (seis, vein-te, dos mil); reading every number out would need a number-to-words table.

Hyphens, slashes and other signs split a word into pieces counted one by one: CAR-T is car + te.
"""

import re

NUCLEI = set("aeoáéóíú")  # strong vowels and accented weak ones: each is a syllable
VOWELS = "aeiouáéíóúü"
NUMBER_SYLLABLES = 2

# Syllables in the name of each letter, for abbreviations read letter by letter. One: a, be,
# ce, de, e, ge, i, ka, o, pe, cu, te, u, ye; two: efe, hache, jota, ele, eme, ene, eñe, erre,
# ese, uve, equis, zeta; three: uve doble.
LETTER_NAME_SYLLABLES = {
    **dict.fromkeys("abcdegikopqtuyáéíóúü", 1),
    **dict.fromkeys("fhjlmnñrsvxz", 2),
    "w": 3,
}

PIECE = re.compile(r"[^\W\d_]+|\d+")  # a run of letters, or a run of digits
VOWEL_RUN = re.compile(f"[{VOWELS}]+")
SILENT_U = re.compile(r"(?<=q)u|(?<=g)u(?=[eéií])")
# What a Spanish word may start and end with, for telling "CAR" (a word) from "FDA" (letters).
WORDLIKE = re.compile(
    rf"(?:[bcdfgkpt][lr]|ch|ll|rr|ps|[^{VOWELS}])?"  # none, one consonant, one with l or r, ps
    rf"[{VOWELS}](?:.*[{VOWELS}])?"  # from the first vowel to the last
    rf"(?:[^{VOWELS}h]|ns|rs)?"  # none, one consonant other than h, ns or rs
)


def count_syllables(word):
    """Syllables in one Spanish word as written (it may hold hyphens, digits or capitals)."""
    return sum(_piece_syllables(piece) for piece in PIECE.findall(word))


def _piece_syllables(piece):
    if piece.isdigit():
        return NUMBER_SYLLABLES
    letters = piece.lower()
    sounds = SILENT_U.sub("", letters.replace("h", ""))
    if sounds.endswith("y"):
        sounds = sounds[:-1] + "i"
    runs = VOWEL_RUN.findall(sounds)
    if not runs or _is_initialism(piece, letters):
        return sum(LETTER_NAME_SYLLABLES.get(letter, 1) for letter in letters)
    return sum(_run_syllables(run) for run in runs)


def _is_initialism(piece, letters):
    if len(piece) < 2 or not piece.isupper():
        return False
    return len(piece) == 2 or not WORDLIKE.fullmatch(letters)


def _run_syllables(run):
    # Each strong or accented vowel is a syllable; an unaccented i or u only glides onto a
    # neighbour, so "ia", "uai" are one syllable, "oia" (zanahoria without its h) two. A run of
    # unaccented weak vowels ("ui", "iu") is one, but a vowel never glides onto its twin ("ii").
    parts = [run[0]]
    for before, after in zip(run, run[1:], strict=False):
        if _plain(before) == _plain(after):
            parts.append("")
        parts[-1] += after
    return sum(max(1, sum(vowel in NUCLEI for vowel in part)) for part in parts)


def _plain(vowel):
    return {"í": "i", "ú": "u", "ü": "u"}.get(vowel, vowel)
