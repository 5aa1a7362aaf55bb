"""{% integrity "js/site.js" %}: the Subresource Integrity hash of one of our static files.

Put it in the integrity attribute of a <script> or stylesheet <link>: the browser then refuses a
file whose bytes are not the ones this site shipped, say a copy altered on a CDN or static host.
"""

import base64
import hashlib
from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

register = template.Library()


@register.simple_tag
def integrity(path):
    if settings.DEBUG:
        # In development the source file is served, and it may have just been edited.
        with open(finders.find(path), "rb") as source:
            return _sha384(source.read())
    return _collected_integrity(path)


@lru_cache(maxsize=256)
def _collected_integrity(path):
    # The file {% static %} points to: the hashed copy collectstatic wrote, which never changes.
    with staticfiles_storage.open(staticfiles_storage.stored_name(path)) as collected:
        return _sha384(collected.read())


def _sha384(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")
