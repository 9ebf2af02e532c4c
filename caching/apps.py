from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The anonymous page cache and its invalidation (see docs/deployment.md)."""

    name = "caching"
    verbose_name = "Seiten-Cache"

    def ready(self):
        from caching import signals

        signals.connect()
