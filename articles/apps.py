from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from engine import library_built

        from .views import prepare_search

        # Each new library's search index is built by the content watcher, before the swap.
        library_built.connect(prepare_search)  # once: connecting again changes nothing
