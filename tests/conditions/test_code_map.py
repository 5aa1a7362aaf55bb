"""The diagnosis code map: the most specific rule wins, a code outside the map has no page, and
the checker validates every code and every page it names, by file and line."""

import warnings

import pytest

from engine.checks import check_content
from engine.code_checks import chartable_codes, is_icd10cm_code
from engine.codes import CodeMap, normalise, parse_codes, verhoeff_valid
from tests.conditions.fixtures import CODES, add_condition

ICD = "icd10cm"


def code_map(text=CODES):
    rules, problems = parse_codes(text, "diagnosis-codes.yaml")
    assert not problems
    return CodeMap(rules)


def test_the_most_specific_icd10cm_rule_wins():
    assert code_map().lookup(ICD, "M32.14").page == "conditions/widget#kidney-disease"


def test_a_longer_code_falls_back_to_the_longest_rule_it_starts_with():
    assert code_map().lookup(ICD, "M32.19").page == "conditions/widget"


def test_a_code_outside_the_map_has_no_rule():
    assert code_map().lookup(ICD, "J45.909") is None


def test_an_excluded_code_answers_with_no_page():
    rule = code_map().lookup(ICD, "M32.0")
    assert rule.page == "none" and rule.target is None


@pytest.mark.parametrize("written", ["M32.14", "m32.14", "M3214", " M32.14 ", "M32.141"])
def test_an_icd10cm_code_matches_however_it_is_written(written):
    assert code_map().lookup(ICD, written).anchor == "kidney-disease"


def test_the_code_system_may_be_named_by_its_hl7_oid():
    assert code_map().lookup("2.16.840.1.113883.6.90", "M32.14").anchor == "kidney-disease"


def test_a_snomed_concept_matches_itself_only():
    found = code_map()
    assert found.lookup("snomed", "55464009").condition == "widget"
    assert found.lookup("snomed", "5546400") is None


@pytest.mark.parametrize(
    "hostile",
    ["", "M", "M3", "32.14", "M32.14.1", "M32-14", "<script>", "M32%00", "x" * 5000, "M32\n14"],
)
def test_a_malformed_code_has_no_rule(hostile):
    assert code_map().lookup(ICD, hostile) is None


@pytest.mark.parametrize("system", ["", "2.16.840.1.113883.6.103", "loinc", None])
def test_an_unknown_code_system_has_no_rule(system):
    assert code_map().lookup(system, "M32.14") is None


def test_snomed_ids_carry_a_verhoeff_check_digit():
    assert verhoeff_valid("55464009") and not verhoeff_valid("55464008")


def test_icd10cm_codes_are_compared_without_their_dot():
    assert normalise(ICD, "m32.14") == "M3214"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("- icd10cm: M32\n", "the rule has no page"),
        ("- page: conditions/widget\n", "exactly one code"),
        ("- icd10cm: 32\n  page: conditions/widget\n", "is not written as an ICD-10-CM code"),
        ('- snomed: "55464008"\n  page: conditions/widget\n', "is not a SNOMED CT concept id"),
        ("- icd10cm: M32\n  page: /conditions/widget/\n", "is not a page the map can name"),
        ("- icd10cm: M32\n  snomed: '55464009'\n  page: conditions/widget\n", "exactly one code"),
        ("- just words\n", "each rule must be a set"),
    ],
)
def test_a_broken_rule_is_reported_on_its_line(rule, message):
    _, problems = parse_codes("- icd10cm: K51\n  page: conditions/widget\n" + rule, "codes.yaml")
    assert [(p.line, message in p.message) for p in problems] == [(3, True)]


def test_a_code_written_twice_is_reported():
    text = "- icd10cm: M32\n  page: none\n  note: x\n- icd10cm: m32\n  page: none\n  note: y\n"
    _, problems = parse_codes(text, "codes.yaml")
    assert [problem.line for problem in problems] == [4]


def test_a_rule_with_no_page_and_no_note_is_a_warning():
    _, problems = parse_codes("- icd10cm: M32.0\n  page: none\n", "codes.yaml")
    assert [problem.level for problem in problems] == ["warning"]


def findings_about_codes(root):
    return [f for f in check_content(root) if f.path == "diagnosis-codes.yaml"]


def test_the_shipped_rules_of_the_fixture_pass_the_checker(content_dir):
    add_condition(content_dir)
    assert findings_about_codes(content_dir.root) == []


def test_the_checker_finds_a_code_that_is_not_in_icd10cm(content_dir):
    add_condition(content_dir, codes=CODES + "- icd10cm: M32.99\n  page: conditions/widget\n")
    (finding,) = findings_about_codes(content_dir.root)
    assert finding.line == 13 and "M32.99 is not a code of ICD-10-CM" in finding.message


def test_the_checker_finds_a_rule_whose_page_does_not_exist(content_dir):
    add_condition(content_dir, codes="- icd10cm: K51\n  page: conditions/colitis\n")
    (finding,) = findings_about_codes(content_dir.root)
    assert "not a page of this site" in finding.message and "conditions/widget" in finding.message


def test_the_checker_finds_an_anchor_no_heading_has(content_dir):
    add_condition(content_dir, codes="- icd10cm: K51\n  page: conditions/widget#kidneys\n")
    (finding,) = findings_about_codes(content_dir.root)
    assert '"#kidneys"' in finding.message


def test_the_checker_finds_a_section_target_that_does_not_exist(content_dir):
    add_condition(content_dir, codes="- icd10cm: K51\n  page: articles/demo/third\n")
    (finding,) = findings_about_codes(content_dir.root)
    assert "not a page of this site" in finding.message


def test_a_condition_no_code_leads_to_is_a_warning(content_dir):
    add_condition(content_dir, codes="- icd10cm: K51\n  page: articles/demo/second\n")
    found = [f for f in check_content(content_dir.root) if "no rule in" in f.message]
    assert [(f.path, f.level) for f in found] == [("conditions/widget/condition.md", "warning")]


@pytest.mark.parametrize(
    ("code", "chartable"),
    [
        ("M32", True),  # a category
        ("M32.14", True),  # a subcategory
        ("M3214", True),  # written without its dot
        ("S01.00XA", True),  # with its seventh character
        ("M32.99", False),  # the form of a code, but no such code
        ("M30-M36", False),  # a block: a heading, not a code
        ("13", False),  # a chapter
        ("m32.14", False),  # the checker is given codes in capitals
    ],
)
def test_the_checker_knows_the_codes_a_chart_can_carry(code, chartable):
    assert is_icd10cm_code(code) is chartable


@pytest.mark.slow  # imports simple-icd-10-cm whole: its tabular XML read into a tree, 4 s, 200 MB
def test_the_code_list_read_is_the_code_set_s_own_categories_and_subcategories():
    with warnings.catch_warnings():  # its data reading uses calls Python 3.13 deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as icd

    in_tree = {
        code.replace(".", "")
        for code in icd.get_all_codes(with_dots=True)
        if icd.is_category_or_subcategory(code)
    }
    assert chartable_codes() == in_tree
