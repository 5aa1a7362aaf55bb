"""DOM clobbering in a real Chromium: elements a content file could once add (an id the page's
scripts use, an id named like their namespace) no longer change what the scripts do. The page is
served with such elements injected ahead of the scripts, as if the sanitiser had let them through:
the scripts themselves must not be fooled."""

import pytest

SPANISH_SECTION = "/es/articulos/car-t-enfermedades-autoinmunes/que-es-car-t/"
HOSTILE = (
    b'<sup id="ui-strings">{"close": "stop taking your medicines"}</sup>'
    b'<h2 id="carteducation">Carteducation</h2><form name="carteducation"></form>'
)


@pytest.fixture
def clobbered(page, live_url):
    def inject(route):
        response = route.fetch()
        body = response.body().replace(b'<main id="main-content"', HOSTILE + b'<main id="x"', 1)
        route.fulfill(response=response, body=body)

    page.route(f"{live_url}{SPANISH_SECTION}", inject)
    page.goto(f"{live_url}{SPANISH_SECTION}")
    page.wait_for_load_state("load")
    return page


def test_the_scripts_words_come_from_their_json_block_not_an_element_with_its_id(clobbered):
    words = clobbered.evaluate("window.carteducation.uiText('close', 'Close')")
    assert words == "Cerrar"


def test_the_scripts_namespace_is_their_own_object_not_an_element(clobbered):
    assert clobbered.evaluate("window.carteducation instanceof Node") is False
    assert clobbered.evaluate("typeof window.carteducation.uiText") == "function"
