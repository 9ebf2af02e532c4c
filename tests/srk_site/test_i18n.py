"""Interface translations: complete catalogs, compiled without GNU gettext, used by pages
and e-mails in English, Turkish and Arabic."""

import gettext
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from district.models import Proposal
from events.models import EventPage
from srk_site.i18n import catalog_paths
from tests.conftest import host
from tests.district.test_participation import coordinator, event_data  # noqa: F401

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# %(name)s, %(count)d, %(ratio).1f, %s and {{ var }}: what Python or templates fill in.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[sdif]|\{\{[^}]*\}\}")
NPLURALS = {"en": 2, "tr": 2, "ar": 6}


@pytest.fixture(autouse=True)
def german_afterwards():
    """Requests under /tr/ or /ar/ leave their language active; later tests expect German."""
    yield
    translation.deactivate()


def catalogs():
    return {path.parts[-3]: polib.pofile(str(path)) for path in catalog_paths()}


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_every_translated_language_has_a_catalog():
    assert sorted(catalogs()) == sorted(TRANSLATED)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete_and_keeps_every_placeholder(language):
    catalog = catalogs()[language]
    assert catalog.metadata["Language"] == language
    assert f"nplurals={NPLURALS[language]};" in catalog.metadata["Plural-Forms"]
    problems = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(n, "") for n in range(NPLURALS[language])]
            expected = placeholders(entry.msgid_plural)
        else:
            forms = [entry.msgstr]
            expected = placeholders(entry.msgid)
        for form in forms:
            if not form.strip():
                problems.append(f"untranslated: {entry.msgid!r}")
            elif placeholders(form) != expected:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def source_strings():
    """Literal msgids in {% translate %} tags and _() calls of the project's own files."""
    patterns = [
        (
            "templates",
            "*.*",
            re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1(?:\s+as\s+\w+)?\s*%\}"""),
        ),
        (".", "*.py", re.compile(r"""\b_\(\s*(["'])((?:(?!\1).)+)\1\s*\)""")),
    ]
    found = set()
    for folder, glob, pattern in patterns:
        for path in Path(settings.BASE_DIR, folder).rglob(glob):
            if {".venv", "tests", "migrations", "var"} & set(path.parts):
                continue
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                found.add(match.group(2))
    return found


def test_every_literal_interface_string_is_in_the_catalogs():
    # Fails when someone wraps a new string but forgets `make messages` and translating.
    strings = source_strings()
    assert len(strings) > 300
    for language, catalog in catalogs().items():
        msgids = {entry.msgid for entry in catalog if not entry.obsolete}
        missing = sorted(strings - msgids)
        assert not missing, f"{language}: not in the catalog: {missing[:10]}"


def test_compile_catalogs_writes_mo_files_that_gettext_reads_and_skips_unchanged(tmp_path):
    source = Path(settings.BASE_DIR, "locale", "tr", "LC_MESSAGES", "django.po")
    target = tmp_path / "tr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(source, target / "django.po")
    with override_settings(LOCALE_PATHS=[tmp_path]):
        call_command("compile_catalogs", stdout=(first := _Output()))
        call_command("compile_catalogs", stdout=(second := _Output()))
    assert "1 compiled" in first.text and "0 compiled, 1 unchanged" in second.text
    with open(target / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    assert catalog.gettext("Zur Startseite") == "Ana sayfaya"
    assert (
        catalog.ngettext("%(counter)s Termin", "%(counter)s Termine", 2) == "%(counter)s etkinlik"
    )


class _Output:
    text = ""

    def write(self, text, *args, **kwargs):
        self.text += text

    def flush(self):
        pass


def test_django_uses_the_compiled_catalogs(compiled_catalogs):
    template = Template('{% load i18n %}{% translate "Seite nicht gefunden" %}')
    rendered = {}
    for language in settings.LANGUAGES:
        with translation.override(language[0]):
            rendered[language[0]] = template.render(Context())
    assert rendered == {
        "de": "Seite nicht gefunden",
        "en": "Page not found",
        "tr": "Sayfa bulunamadı",
        "ar": "الصفحة غير موجودة",
    }


def test_arabic_plurals_follow_the_six_forms(compiled_catalogs):
    forms = {}
    with translation.override("ar"):
        for count in (0, 1, 2, 5, 11, 100):
            forms[count] = translation.ngettext("%(counter)s Termin", "%(counter)s Termine", count)
    assert len(set(forms.values())) == 4  # 0, 1 and 100 share the plain form; 2, 3–10, 11–99
    assert forms[2] != forms[5] != forms[11]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "slug", "language", "expected"),
    [
        ("/en/suche/", None, "en", "Please enter a search term"),
        ("/tr/suche/", "kalk", "tr", "Bu bölgede ara"),
        ("/ar/mitmachen/", "kalk", "ar", "اقترحوا فعالية"),
        ("/en/mitmachen/termin/", "kalk", "en", "Send proposal"),
        ("/ar/adressen/nicht-da/", "kalk", "ar", "الصفحة غير موجودة"),
        ("/tr/gibt-es-nicht/", None, "tr", "Sayfa bulunamadı"),
    ],
)
def test_pages_show_the_interface_in_the_visitors_language(
    client, compiled_catalogs, path, slug, language, expected
):
    response = client.get(path, headers={"host": host(slug)})
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert expected in html
    assert "Zum Inhalt springen" not in html


@pytest.mark.django_db
def test_the_german_interface_stays_german(client, compiled_catalogs):
    html = client.get("/suche/", headers={"host": host("kalk")}).content.decode()
    assert '<html lang="de" dir="ltr">' in html and "Im Gebiet suchen" in html


@pytest.mark.django_db
def test_a_proposal_is_answered_in_the_language_it_was_sent_in(
    client,
    compiled_catalogs,
    coordinator,  # noqa: F811
):
    response = client.post("/tr/mitmachen/termin/", event_data(), headers={"host": host("kalk")})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.language == "tr"
    received = next(m for m in mail.outbox if m.to == [proposal.sender_email])
    assert received.subject == "Lebenswerte Veedel Kalk için öneriniz"
    assert "Sayın Ayşe Demir," in received.body and "teşekkür ederiz" in received.body
    mail.outbox.clear()
    # The coordinator works in German; the reply still goes out in Turkish.
    event = EventPage.objects.get(title__startswith="Nachbarschaftsfest")
    task_state = event.current_workflow_task_state
    with translation.override("de"):
        task_state.task.specific.on_action(task_state, coordinator, "approve")
        assert translation.get_language() == "de"  # the admin's language is left alone
    approved = next(m for m in mail.outbox if m.to == [proposal.sender_email])
    assert "onaylandı" in approved.body and "freigegeben" not in approved.body


@pytest.mark.django_db
def test_a_german_proposal_is_answered_in_german(client, compiled_catalogs):
    client.post("/mitmachen/termin/", event_data(), headers={"host": host("kalk")})
    proposal = Proposal.objects.get()
    assert proposal.language == "de"
    received = next(m for m in mail.outbox if m.to == [proposal.sender_email])
    assert received.subject == "Ihr Vorschlag für Lebenswerte Veedel Kalk"
    assert received.body.startswith("Guten Tag Ayşe Demir,")


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "locale"), [("", "de_DE"), ("/tr", "tr_TR"), ("/ar", "ar_AR")])
def test_open_graph_names_the_page_language(client, prefix, locale):
    html = client.get(f"{prefix}/suche/", headers={"host": host("kalk")}).content.decode()
    assert f'<meta property="og:locale" content="{locale}">' in html
