"""The interface strings in Spanish: the catalogue is complete and compiled, the Spanish pages
(under /es/) use it, English pages are untouched, and the scripts get their words from the page."""

import datetime
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from engine.workers import RenderJob, render_in_workers

PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# Pages a reader meets, with the interface words each must show in Spanish.
SPANISH_PAGES = {
    "/es/": [
        "Pasar al contenido principal",
        "Menú",
        "Glosario",
        "Empezar a leer",
        "CAR-T para enfermedades",
    ],
    "/es/articulos/demostracion/primera/": [
        "Parte 1 de 2",
        "En resumen",
        "Fuentes",
        "Datos revisados hasta",
    ],
    "/es/glosario/": ["Glosario", "Busque una palabra en el glosario", "Inicio"],
    "/es/articulos/demostracion/hoja-para-imprimir/": [
        "Hoja informativa",
        "Puntos clave",
        "Imprimir esta hoja",
    ],
    "/es/preguntas/": ["Preguntas para su equipo de atención médica", "Imprimir mi lista"],
    "/es/no-existe/": ["No encontramos esa página", "Ir a la página principal"],
}
# English interface words that must not be left on a Spanish page.
ENGLISH_LEFTOVERS = [
    ">Skip to main content<",
    ">Menu<",
    ">Home<",
    ">Glossary<",
    ">Search<",
    ">Key points<",
    ">In short<",
    ">Sources<",
    ">Back to top<",
    "Facts checked up to",
    "This site does not give medical advice",
    "Questions for your care team",
    "Go to the home page",
    "Print this handout",
]


def msgfmt():
    found = shutil.which("msgfmt")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("msgfmt is missing: CI installs the Debian package gettext")
        pytest.skip("msgfmt (Debian package gettext) is not installed")
    return found


def test_spanish_catalogue_has_no_untranslated_or_fuzzy_entry():
    result = subprocess.run(
        [msgfmt(), "--check", "--statistics", "-o", os.devnull, str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # msgfmt names fuzzy and untranslated entries in its count when there are any.
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr
    assert re.search(r"^\d+ translated messages?\.$", result.stderr.strip())
    assert not re.search(r"^#,.*\bfuzzy\b", PO.read_text(encoding="utf-8"), re.M)


def test_committed_mo_matches_the_po(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt(), "-o", str(fresh), str(PO)], check=True)
    with MO.open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        ), "locale/es/LC_MESSAGES/django.mo is out of date: run make messages"


def msgids(po):
    return set(re.findall(r"^msgid_plural .*$|^msgid (?:\".*\"\n)+", po.read_text("utf-8"), re.M))


def test_catalogue_holds_every_string_the_code_marks(tmp_path):
    # makemessages on a copy (it writes into the catalogue it finds): a string marked for
    # translation but missing from the .po would show in English on a Spanish page.
    msgfmt()  # makemessages runs xgettext, from the same Debian package
    # The whole project but what make messages ignores, so a new app or package is never missed.
    shutil.copytree(
        settings.BASE_DIR,
        tmp_path,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(
            ".*", "staticfiles", "node_modules", "export", "tests", "tools", "__pycache__"
        ),
    )
    (tmp_path / "copy_settings.py").write_text(
        "from carteducation.settings import *  # noqa: F403\n"
        "LOCALE_PATHS = [BASE_DIR / 'locale']  # noqa: F405\n"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "copy_settings",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "es", "--no-obsolete"],
        cwd=tmp_path,
        env=environment,
        check=True,
        capture_output=True,
    )
    fresh = tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"
    assert msgids(fresh) == msgids(PO), "run make messages and translate what it adds"


@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_spanish_pages_show_spanish_interface_words(client, spanish_content, path):
    html = client.get(path).content.decode()
    for words in SPANISH_PAGES[path]:
        assert words in html, words
    assert [words for words in ENGLISH_LEFTOVERS if words in html] == []


def test_english_pages_keep_their_words_and_vary_on_no_language(client, content_dir):
    response = client.get("/articles/demo/first/")
    html = response.content.decode()
    assert '<a class="skip-link" href="#main-content">Skip to main content</a>' in html
    assert "Part 1 of 2" in html and "Saltar" not in html
    assert "language" not in response.get("Vary", "").lower() and not response.cookies
    assert response["Content-Language"] == "en"


def test_plural_minutes_follow_spanish_rules():
    template = Template(
        "{% load i18n %}{% blocktranslate count minutes=n %}About {{ minutes }} minute to read"
        "{% plural %}About {{ minutes }} minutes to read{% endblocktranslate %}"
    )
    with translation.override("es"):
        one, five = (template.render(Context({"n": n})) for n in (1, 5))
    assert "1 minuto" in one and "minutos" not in one
    assert "5 minutos" in five
    assert template.render(Context({"n": 1})) == "About 1 minute to read"


def test_dates_read_in_spanish_when_spanish_is_active():
    template = Template('{{ day|date:"DATE_FORMAT" }} · {{ day|date:"YEAR_MONTH_FORMAT" }}')
    context = Context({"day": datetime.date(2026, 11, 23)})
    with translation.override("es"):
        assert template.render(context) == "23 de noviembre de 2026 · noviembre de 2026"
    assert template.render(context) == "23 November 2026 · November 2026"


def test_words_the_renderer_adds_are_in_the_language_of_the_render_job():
    # Care cards and heading links are made when the content renders, in a render process, in
    # the language of the job: never in the language of whatever request set off the build.
    body = (
        "## Signs\n\n!!! urgent\n    Fever.\n\n"
        "!!! non-urgent\n    Tired.\n\n!!! emergency\n    Faint.\n"
    )
    jobs = [
        RenderJob(
            f"{language}.md",
            body,
            "",
            frozenset(),
            False,
            language=language,
        )
        for language in ("es", "en")
    ]
    with translation.override("es"):  # the request's language does not change an English job
        rendered = render_in_workers(jobs, None, 30)
    spanish, english = rendered["es.md"]["html"], rendered["en.md"]["html"]
    for words in ["Urgente:", "Llame ahora a su equipo de tratamiento, de día o de noche"]:
        assert words in spanish
    assert "No urgente:" in spanish and "Emergencia:" in spanish and "Llame al 911 ahora" in spanish
    assert ">Copiar enlace<" in spanish
    assert "Urgent:" in english and ">Copy link<" in english


def test_search_labels_follow_the_page_language(client, spanish_content):
    client.get("/search/?q=widget")  # an English request first
    html = client.get("/es/buscar/?q=detalles").content.decode()
    assert "Parte 1 de 2" in html and "Part 1 of" not in html


def test_script_words_come_in_a_json_block_in_the_page_language(client, spanish_content):
    block = re.compile(r'<script id="ui-strings" type="application/json">(.*?)</script>', re.S)
    english = json.loads(block.search(client.get("/").content.decode()).group(1))
    spanish = json.loads(block.search(client.get("/es/glosario/").content.decode()).group(1))
    assert english["close"] == "Close" and spanish["close"] == "Cerrar"
    assert spanish.keys() == english.keys()
    assert spanish["moreAbout"] == "Más sobre {term}"


def test_every_script_word_has_an_english_fallback_in_its_script():
    scripts = "".join(
        (Path(settings.BASE_DIR) / "static" / "js" / name).read_text(encoding="utf-8")
        for name in ("site.js", "glossary.js", "questions.js", "search-export.js")
    )
    from web.context_processors import ui_strings

    for key, english in ui_strings(None)["ui_strings"].items():
        assert f'uiText("{key}", {json.dumps(english, ensure_ascii=False)}' in scripts, key
