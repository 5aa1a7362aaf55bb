"""The site-wide code that is not the Django project (carteducation/) or one of its apps: the
engine's adapter (engine_site.py), the middleware (middleware/, one module per concern), the page
warmer, the language switch's alternates, structured data, the crawl, the front server."""
