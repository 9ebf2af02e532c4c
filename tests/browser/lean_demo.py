"""The demo content of a few districts only: the project's own demo builder with its
data files filtered, so the browser tests get realistic pages in a fraction of the time
the full demo (15 districts) takes."""

from contextlib import ExitStack
from importlib import import_module
from unittest import mock

from django.core.management import call_command

# Kalk is where the tests look; two more districts give the landing page and the
# citywide lists items from several districts.
DISTRICTS = {"kalk", "humboldt-gremberg", "hoehenberg-vingst"}


def _in_scope(entry):
    districts = entry.get("districts") or [entry.get("district")]
    return bool(DISTRICTS.intersection(districts))


def _content(data):
    return {key: value for key, value in data.items() if key == "landing" or key in DISTRICTS}


def _entries(data):
    return {
        key: [entry for entry in value if _in_scope(entry)] if isinstance(value, list) else value
        for key, value in data.items()
    }


def _events(events):
    return [event for event in events if _in_scope(event)]


def _filtered(target, keep):
    module, name = target.rsplit(".", 1)
    original = getattr(import_module(module), name)
    return mock.patch(target, lambda *args, **kwargs: keep(original(*args, **kwargs)))


def build_lean_demo(stdout):
    with ExitStack() as patches:
        patches.enter_context(_filtered("srk_site.demo.load_demo_content", _content))
        patches.enter_context(_filtered("people.demo.load_demo_directory", _entries))
        patches.enter_context(_filtered("district.demo.load_demo_news", _entries))
        patches.enter_context(_filtered("events.demo.load_demo_events", _events))
        call_command("setup_portal", demo=True, verbosity=0, stdout=stdout)
