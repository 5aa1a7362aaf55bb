"""Makes static/img/share.png, the picture a chat or social app shows beside a shared link.

    .venv/bin/python tools/share_image.py

Run once, and again only when the site's name or colours change; the PNG is committed, so the
site never makes it at run time. It draws a simple card in HTML (the site's name, what it is
about, its colours and its mark) and has Debian's Chromium photograph it through Playwright,
both already here for the browser tests: nothing new is installed. 1200 x 630 pixels is the size
Open Graph and Twitter cards show best.
"""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "img" / "share.png"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SIZE = {"width": 1200, "height": 630}

# The site's name (carteducation.settings.SITE_NAME) and the colours of static/css/site.css.
CARD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; }
  body { background: #ffffff; color: #1d2330; font-family: "DejaVu Sans", sans-serif;
         display: flex; flex-direction: column; justify-content: center; padding: 0 90px;
         box-sizing: border-box; border-top: 28px solid #0b5cad; }
  .mark { width: 96px; height: 96px; border-radius: 50%; background: #0b5cad;
          display: flex; align-items: center; justify-content: center; margin-bottom: 44px; }
  .mark::after { content: ""; width: 44px; height: 44px; border-radius: 50%; background: #fff; }
  h1 { font-size: 72px; line-height: 1.1; margin: 0 0 28px; color: #07427d; }
  p { font-size: 38px; line-height: 1.35; margin: 0; color: #4a5468; max-width: 980px; }
</style></head><body>
  <div class="mark"></div>
  <h1>CAR-T for autoimmune disease</h1>
  <p>Plain-language information for patients and the people who care for them.</p>
</body></html>"""


def main():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless"])
        page = browser.new_page(viewport=SIZE)
        page.set_content(CARD)
        page.screenshot(path=str(OUT), clip={"x": 0, "y": 0, **SIZE})
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    sys.exit(main())
