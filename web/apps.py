from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"

    def ready(self):
        from . import engine_site

        # The engine knows nothing of Django: give it the settings and the addresses now.
        engine_site.install()
