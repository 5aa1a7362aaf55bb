"""The site's middleware, one module per concern, in the order settings.MIDDLEWARE runs them:

security.py        every security header on every response, and the Content-Security-Policy
language.py        the language of a request, from its path alone
guard.py           only this site's hosts, and only GET and HEAD
content_errors.py  a content problem is a clear page (503), never a traceback or a 500
page_cache.py      rendered pages kept in memory until the content changes
"""
