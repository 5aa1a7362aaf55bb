"""Screenshots of the site as people see it, to look at after changing templates or CSS.

    .venv/bin/python tools/screenshots.py [OUTDIR] [PAGE...]   (default /tmp/shots, every page)

Serves the site from this checkout (collect static files first) and saves, for the home page, a
section with the steps diagram, the Risks section, the glossary, the questions page and the
handout, in English and in Spanish (es-home, es-section...): a phone (390x844), a small phone
(320px), both with the reader's text size doubled (200%), a desktop (1280px), the desktop in dark
mode, and the printed page on A4 (the handouts on US Letter too; page.pdf, then pdftoppm from
Debian's poppler-utils turns each printed page into a PNG). A screen shot is saved as up to three
slices, each two screens tall, small enough to look at closely.
"""

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carteducation.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "screenshots-only")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

PAGES = {
    "home": "/",
    "section": "/articles/car-t-autoimmune/what-is-car-t/",
    "risks": "/articles/car-t-autoimmune/risks/",
    "glossary": "/glossary/",
    "questions": "/questions/",
    "handout": "/articles/car-t-autoimmune/handout/",
    "es-home": "/es/",
    "es-section": "/es/articulos/car-t-enfermedades-autoinmunes/que-es-car-t/",
    "es-risks": "/es/articulos/car-t-enfermedades-autoinmunes/riesgos/",
    "es-glossary": "/es/glosario/",
    "es-questions": "/es/preguntas/",
    "es-handout": "/es/articulos/car-t-enfermedades-autoinmunes/hoja-para-imprimir/",
    "conditions": "/conditions/",
    "condition": "/conditions/lupus/",
    "clinicians": "/conditions/lupus/clinicians/",
    "for-clinicians": "/for-clinicians/",
    "condition-handout": "/conditions/lupus/handout/",
    "section-handout": "/articles/car-t-autoimmune/first-weeks-after-treatment/handout/",
    "es-condition": "/es/enfermedades/lupus/",
    "es-for-clinicians": "/es/para-profesionales/",
    "es-condition-handout": "/es/enfermedades/miastenia-grave/hoja-para-imprimir/",
    "es-section-handout": (
        "/es/articulos/car-t-enfermedades-autoinmunes/riesgos/hoja-para-imprimir/"
    ),
}
VIEWS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "phone320": {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True},
    "phone-bigtext": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
    "phone320-bigtext": {
        "viewport": {"width": 320, "height": 640},
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
}


def serve():
    import django
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    django.setup()
    from web.frontserver import free_port

    server = ThreadedWSGIServer(("127.0.0.1", free_port()), Quiet)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


# What a reader gets who doubles the browser's default font size (as tests/browser/pagecheck.js).
DOUBLE_TEXT = """() => {
  const root = document.documentElement;
  root.style.fontSize = parseFloat(getComputedStyle(root).fontSize) * 2 + "px";
}"""


def save_slices(page, stem, slices=3):
    """The top of the page in a few tall slices, each small enough to look at closely."""
    width = page.viewport_size["width"]
    height = page.viewport_size["height"] * 2
    total = page.evaluate("document.documentElement.scrollHeight")
    for index in range(min(slices, -(-total // height))):
        top = index * height
        clip = {"x": 0, "y": top, "width": width, "height": min(height, total - top)}
        page.screenshot(path=f"{stem}-{index + 1}.png", full_page=True, clip=clip)


def main():
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    chosen = sys.argv[2:] or list(PAGES)
    pages = {name: path for name, path in PAGES.items() if name in chosen}
    origin = serve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for view, options in VIEWS.items():
            context = browser.new_context(**options)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(origin + path)
                if view.endswith("-bigtext"):
                    page.evaluate(DOUBLE_TEXT)
                save_slices(page, out / f"{name}-{view}")
            context.close()
        page = browser.new_page()
        papers = {name: ["A4"] for name in pages}
        papers |= {name: ["A4", "Letter"] for name in pages if name.endswith("handout")}
        for name, path in pages.items():
            page.goto(origin + path)
            for paper in papers[name]:
                stem = f"{name}-print" + ("" if paper == "A4" else f"-{paper.lower()}")
                pdf = out / f"{stem}.pdf"
                page.pdf(path=pdf, format=paper, print_background=True)
                if shutil.which("pdftoppm"):
                    subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, out / stem], check=True)
        browser.close()
    print(f"Screenshots in {out}/")


if __name__ == "__main__":
    main()
