"""Work every new server process would otherwise do on its first page views.

gunicorn loads the application in its master process and forks the workers from it
(deploy/gunicorn.conf.py). Whatever the master has compiled and loaded, each worker
starts with: the public templates, the URL patterns and the message catalogs of the four
languages. Without this, a fresh worker (after a deploy, or when one is replaced) spent
its first page views compiling templates, and those were the slowest of a benchmark run.
Nothing here touches the database: connections must not be shared across a fork.
"""

from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation


def public_template_names():
    """The project's own templates (not the admin's): those public pages are built from."""
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def warm_up():
    engine = engines["django"]
    compiled = 0
    for name in public_template_names():
        try:
            engine.get_template(name)
            compiled += 1
        except TemplateSyntaxError:
            # Fails the same way on first use, where tests and logs report it.
            continue
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    get_resolver().reverse_dict  # noqa: B018 - builds the reverse lookup once
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Suche")
    return compiled
