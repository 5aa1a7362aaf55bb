"""The headers that keep a reader safe, on every response: Permissions-Policy,
Cross-Origin-Resource-Policy, the headers of SecurityMiddleware and XFrameOptionsMiddleware
(security_headers, the outermost middleware, so static files and error pages get them too), and
the Content-Security-Policy of settings.CONTENT_SECURITY_POLICY. security_header_values() hands
the same values to the front server (web/frontserver.py) for the responses it makes itself.
"""

import functools

from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware

# Powerful features this site never uses, turned off for it and for anything it could embed.
# clipboard-write stays on: site.js copies heading links. Only names Chromium knows are listed,
# because it reports unknown ones as errors in the console.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


def security_headers(get_response):
    """The outermost middleware: whatever answered below (a view, WhiteNoise, the page cache, a
    400 for a foreign host, an error page), the response leaves with every security header."""
    # Their process_response alone, which only adds headers (nosniff, Referrer-Policy, COOP, HSTS
    # over https; X-Frame-Options). SecurityMiddleware stays in MIDDLEWARE for its https redirect.
    finishers = (SecurityMiddleware(get_response), XFrameOptionsMiddleware(get_response))

    def with_headers(request, response):
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # No other site may embed our pages, scripts or styles (a Spectre-style read needs that).
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        for finisher in finishers:
            response = finisher.process_response(request, response)
        return response

    def middleware(request):
        response = with_headers(request, get_response(request))
        if settings.SECURITY_HEADERS_FROM_FRONT:
            # nginx adds the very same headers to everything it sends (deploy/nginx-site.conf),
            # and would drop these copies anyway: left out here, they are not stored with every
            # page in its microcache and read back on every hit.
            for name in SECURITY_HEADERS:
                if name in response:
                    del response[name]
        return response

    middleware.with_headers = with_headers
    return middleware


# What the site sends on every response to keep a reader safe. A front server adds the same
# headers to the responses it makes itself (its own 400, 413, 502...).
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
)


def security_header_values(secure):
    """The security headers, with their values, exactly as this site's middleware sets them on a
    response over https (secure) or plain http: one source for Django and the front server."""
    from django.test import RequestFactory

    request = RequestFactory().get("/", secure=secure)
    csp = ContentSecurityPolicyMiddleware(HttpResponse)
    response = csp.process_response(request, HttpResponse())
    response = security_headers(lambda request: response).with_headers(request, response)
    return {name: response[name] for name in SECURITY_HEADERS if name in response}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the header built once instead of twice per response.

    The policy comes from settings alone: no nonce, no per-view changes, no report-only policy.
    Should any of those appear, django-csp's own code takes over for that response.
    """

    def process_response(self, request, response):
        custom = any(hasattr(response, name) for name in CSP_RESPONSE_ATTRIBUTES)
        if custom or getattr(request, "_csp_nonce", None) or _csp_settings_vary():
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in {404, 500}:
            return response  # Django's debug pages need inline style
        response.headers.setdefault("Content-Security-Policy", _policy())
        return response


CSP_RESPONSE_ATTRIBUTES = ("_csp_exempt", "_csp_config", "_csp_update", "_csp_replace")


def _csp_settings_vary():
    policy = settings.CONTENT_SECURITY_POLICY or {}
    return bool(
        getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        or policy.get("EXCLUDE_URL_PREFIXES")
    )


@functools.cache
def _policy():
    return build_policy()


def _clear_policy(**kwargs):
    _policy.cache_clear()  # a changed setting (in tests) can change the policy


setting_changed.connect(_clear_policy)
