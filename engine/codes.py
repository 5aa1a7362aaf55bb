"""Diagnosis codes as content: which page answers an ICD-10-CM code or a SNOMED CT concept.

content/diagnosis-codes.yaml is a list of rules, reviewed like any content file:

    - icd10cm: M32                      # every code that starts with M32 (lupus)...
      page: conditions/lupus
    - icd10cm: M32.14                   # ...but glomerular disease in lupus goes to its part
      page: conditions/lupus#lupus-nephritis
    - icd10cm: M32.0                    # and drug-induced lupus to no page at all
      page: none
      note: Drug-induced lupus is not what CAR-T is studied for.
    - snomed: "55464009"
      page: conditions/lupus
      name: Systemic lupus erythematosus

An ICD-10-CM rule covers every code that starts with it; when several cover a code, the longest
(the most specific) wins, and "page: none" is an answer too: no page. A SNOMED CT rule matches its
concept only (the hierarchy is not shipped with the site). A code no rule covers has no page:
never the nearest one, never a guess. The Infobutton (infobutton/) and the condition pages'
structured data read CodeMap; the checker validates every code (check_codes, with the official
code set) and every page a rule names.
"""

import re
from dataclasses import dataclass

from .errors import ContentError
from .files import parse_yaml, yaml_nodes
from .schema import front_matter

# The code systems, by the key a rule names them with: (the name people use, HL7's OID for it).
SYSTEMS = {
    "icd10cm": ("ICD-10-CM", "2.16.840.1.113883.6.90"),
    "snomed": ("SNOMED CT", "2.16.840.1.113883.6.96"),
}
SYSTEM_OF_OID = {oid: key for key, (_, oid) in SYSTEMS.items()}
CODE_SYSTEMS = SYSTEMS  # the name the site imports it by (engine/__init__)
NO_PAGE = "none"
# A category and its subdivisions: a letter, two characters, then up to four after the dot.
ICD10CM = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$")
# SNOMED CT identifiers: 6 to 18 digits, no leading zero (the last is a Verhoeff check digit).
SCTID = re.compile(r"^[1-9][0-9]{5,17}$")
TARGET = re.compile(
    r"^(?:conditions/(?P<condition>[a-z0-9-]+)"
    r"|articles/(?P<article>[a-z0-9-]+)/(?P<section>[a-z0-9-]+))(?:#(?P<anchor>[\w-]+))?$"
)
RULE_KEYS = {"icd10cm", "snomed", "page", "note", "name"}


@dataclass(frozen=True, kw_only=True)
class CodeRule:
    system: str = front_matter("text")  # "icd10cm" or "snomed"
    code: str = front_matter("text")  # as written (ICD-10-CM with its dot), upper case
    page: str = front_matter(
        "text"
    )  # "conditions/<slug>[#anchor]", "articles/<a>/<s>[#..]", "none"
    note: str = front_matter("text", "")  # why, for a rule that answers with no page
    name: str = front_matter("text", "")  # what the code means, for people reading the map
    line: int = 0

    @property
    def key(self):
        """What the code is matched by: ICD-10-CM without its dot."""
        return normalise(self.system, self.code)

    @property
    def system_name(self):
        return SYSTEMS[self.system][0]

    @property
    def target(self):
        """The regular expression match of the page, or None for "none"."""
        return None if self.page == NO_PAGE else TARGET.match(self.page)

    @property
    def condition(self):
        target = self.target
        return target["condition"] if target else None

    @property
    def anchor(self):
        target = self.target
        return (target["anchor"] or "") if target else ""


def normalise(system, code):
    """The form a code is compared in: upper case, no spaces; ICD-10-CM without its dot."""
    code = "".join(str(code).split()).upper()
    return code.replace(".", "") if system == "icd10cm" else code


def is_well_formed(system, code):
    if system == "icd10cm":
        return bool(ICD10CM.match(code.upper()))
    return bool(SCTID.match(code)) and verhoeff_valid(code) and code[-3:-1] in {"00", "10"}


# Verhoeff's dihedral-group check digit, as SNOMED CT identifiers carry it. Its two tables look
# alike but do different jobs, and the check needs both (they are Verhoeff's published tables,
# kept as written so they can be compared with the source): _D multiplies in the dihedral group
# D5, combining the running check with each digit; _P permutes a digit by its place (counted from
# the right, mod 8), so that swapping two neighbouring digits changes the check.
_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_valid(digits):
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0


class CodeMap:
    """The rules of diagnosis-codes.yaml, looked up by code: built once per library."""

    def __init__(self, rules=()):
        self.rules = list(rules)
        self._exact = {(rule.system, rule.key): rule for rule in self.rules}
        self._longest = max((len(r.key) for r in self.rules if r.system == "icd10cm"), default=0)

    def __bool__(self):
        return bool(self.rules)

    def lookup(self, system, code):
        """The rule that answers a code (an OID or a system key), or None: no rule covers it.
        A rule with page "none" is returned too: it says there is no page, on purpose."""
        system = SYSTEM_OF_OID.get(system, system)
        if system not in SYSTEMS or not isinstance(code, str):
            return None
        key = normalise(system, code)
        if not is_well_formed(system, key if system == "snomed" else code.strip()):
            return None
        if system == "snomed":
            return self._exact.get((system, key))
        for length in range(min(len(key), self._longest), 2, -1):
            rule = self._exact.get((system, key[:length]))
            if rule is not None:
                return rule
        return None

    def codes_for(self, condition_slug):
        """The rules that send a code to this condition's page (for its structured data)."""
        return [rule for rule in self.rules if rule.condition == condition_slug]


def parse_codes(text, name):
    """([CodeRule], problems): every rule that can be used, and what is wrong with the others."""
    data = parse_yaml(text, name, what="this file")
    if data is None:
        return [], []
    if not isinstance(data, list):
        raise ContentError(
            name,
            1,
            "the codes file must be a list of rules, each starting with `- icd10cm:` or "
            "`- snomed:`",
        )
    nodes = yaml_nodes(text)
    rules, problems, seen = [], [], {}
    for item, node in zip(data, nodes, strict=True):
        line = node.start_mark.line + 1
        rule, found = _rule(item, name, line)
        problems.extend(found)
        if rule is None:
            continue
        where = seen.get((rule.system, rule.key))
        if where:
            problems.append(
                ContentError(
                    name,
                    line,
                    f"{rule.system_name} {rule.code} is already in the map on line "
                    f"{where}; keep one rule for it",
                )
            )
            continue
        seen[(rule.system, rule.key)] = line
        rules.append(rule)
    return rules, problems


def _rule(item, name, line):
    if not isinstance(item, dict):
        return None, [ContentError(name, line, "each rule must be a set of `key: value` lines")]
    problems = []
    unknown = sorted(str(key) for key in item if key not in RULE_KEYS)
    for key in unknown:
        problems.append(
            ContentError(
                name,
                line,
                f'unknown key "{key}" is ignored (a rule has icd10cm or '
                "snomed, page, and may have note and name)",
                "warning",
            )
        )
    systems = [key for key in SYSTEMS if key in item]
    if len(systems) != 1:
        message = 'a rule needs exactly one code: `icd10cm: M32` or `snomed: "55464009"`'
        return None, [*problems, ContentError(name, line, message)]
    system = systems[0]
    code = "".join(str(item[system]).split()).upper()
    if not is_well_formed(system, code):
        return None, [*problems, ContentError(name, line, _malformed(system, code))]
    page = str(item.get("page") or "").strip()
    if not page:
        message = "the rule has no page: write `page: conditions/<slug>` (or `page: none`)"
        return None, [*problems, ContentError(name, line, message)]
    if page != NO_PAGE and not TARGET.match(page):
        message = (
            f'"{page}" is not a page the map can name: write conditions/<slug>, '
            "articles/<article>/<section>, either with #anchor, or none"
        )
        return None, [*problems, ContentError(name, line, message)]
    note = str(item.get("note") or "").strip()
    if page == NO_PAGE and not note:
        problems.append(
            ContentError(name, line, f"say in a note why {code} has no page", "warning")
        )
    rule = CodeRule(
        system=system,
        code=code,
        page=page,
        note=note,
        name=str(item.get("name") or "").strip(),
        line=line,
    )
    return rule, problems


def _malformed(system, code):
    if system == "icd10cm":
        return (
            f'"{code}" is not written as an ICD-10-CM code: a letter, two characters, then a dot '
            "and up to four more, like M32 or M32.14"
        )
    return (
        f'"{code}" is not a SNOMED CT concept id: 6 to 18 digits whose last is a check digit '
        "(copy it again from the browser you looked it up in)"
    )
