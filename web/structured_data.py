"""What search engines read about a content page: a schema.org MedicalWebPage, as JSON-LD.

Built here from the dataclasses and the page's Review (never in a template), and written into the
page's <head> by engine.sanitize.json_ld() as a data block the browser never runs. Only what the
content files and settings say goes in: no reviewer, publisher or condition is ever filled in.
"""

from django.conf import settings
from django.urls import reverse

from engine import url_name

PATIENTS = {"@type": "MedicalAudience", "audienceType": "Patient"}


def medical_web_page(*, name, url, description, language, review=None, about=()):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": name,
        "url": settings.SITE_URL + url,
        "description": description,
        "inLanguage": language,
        "audience": PATIENTS,
    }
    if about:
        data["about"] = list(about)
    if review is not None:
        data["lastReviewed"] = review.last_reviewed.isoformat()
        if review.reviewed_by:
            data["reviewedBy"] = [
                {"@type": "Person", "name": person["name"], "jobTitle": person["role"]}
                for person in review.reviewed_by
            ]
    if settings.SITE_PUBLISHER:
        data["publisher"] = {"@type": "Organization", "name": settings.SITE_PUBLISHER}
    return data


def conditions(article):
    return [{"@type": "MedicalCondition", "name": name} for name in article.conditions]


def for_article(article, review, *, url=None):
    return medical_web_page(
        name=article.title,
        url=url or article.get_absolute_url(),
        description=article.summary,
        language=article.language,
        review=review,
        about=conditions(article),
    )


def for_section(article, section, review):
    data = medical_web_page(
        name=section.title,
        url=section.get_absolute_url(),
        description=section.in_short,
        language=section.language,
        review=review,
        about=conditions(article),
    )
    data["isPartOf"] = {
        "@type": "MedicalWebPage",
        "name": article.title,
        "url": settings.SITE_URL + article.get_absolute_url(),
    }
    return data


def for_term(term, review):
    defined_term = {
        "@type": "DefinedTerm",
        "name": term.term,
        "description": term.short,
        "inDefinedTermSet": settings.SITE_URL + reverse(url_name(term.language, "glossary:index")),
    }
    return medical_web_page(
        name=term.term,
        url=term.get_absolute_url(),
        description=term.short,
        language=term.language,
        review=review,
        about=[defined_term],
    )


CLINICIANS = {"@type": "MedicalAudience", "audienceType": "Clinician"}
CODING_SYSTEMS = {"icd10cm": "ICD-10-CM", "snomed": "SNOMED CT"}


def medical_codes(rules):
    """schema.org MedicalCode for each rule of the code map that sends a code to a condition
    (a rule that narrows to a part of the page names the same condition)."""
    return [
        {
            "@type": "MedicalCode",
            "codeValue": rule.code,
            "codingSystem": CODING_SYSTEMS[rule.system],
        }
        for rule in rules
    ]


def _condition(name, rules):
    data = {"@type": "MedicalCondition", "name": name}
    if rules:
        data["code"] = medical_codes(rules)
    return data


def for_condition(condition, rules):
    return medical_web_page(
        name=condition.title,
        url=condition.get_absolute_url(),
        description=condition.summary,
        language=condition.language,
        review=condition.review,
        about=[_condition(condition.title, rules)],
    )


def for_clinicians(summary, rules):
    """The health-professional summary: for clinicians, in its page and in its structured data."""
    data = medical_web_page(
        name=summary.title,
        url=summary.get_absolute_url(),
        description=summary.summary,
        language=summary.language,
        review=summary.review,
        about=[_condition(summary.condition.title, rules)],
    )
    data["audience"] = CLINICIANS
    # The page for patients it sits beside (as NCI's PDQ pairs its two versions).
    data["relatedLink"] = settings.SITE_URL + summary.condition.get_absolute_url()
    return data
