"""Folding for search and alphabetical order, German and Turkish, without ICU."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from srk_site.text import fold_german, german_sort_key, sort_key, turkish_sort_key
from tests.conftest import host
from tests.district.factories import ContentPageFactory
from tests.people.factories import OrganisationFactory

TURKISH_NAMES = [
    "Zeynep", "Ümit", "Uğur", "Şule", "Sude", "Özgür", "Oya", "inci", "İlker", "Işık",
    "Irmak", "Ilık", "Gül", "Göksel", "Ğ", "Çiçek", "Ceren", "Cem", "Ahmet",
]  # fmt: skip


@pytest.fixture(autouse=True)
def german_afterwards():
    yield
    translation.deactivate()


@pytest.mark.parametrize(
    ("variants", "folded"),
    [
        (["İstanbul", "istanbul", "ISTANBUL", "Istanbul", "i\u0307stanbul"], "istanbul"),
        (["ılık", "ILIK", "Ilık", "ilik"], "ilik"),
        (["Höhenberg Straße", "Hoehenberg Strasse", "HÖHENBERG STRASSE"], "hoehenberg strasse"),
        # ö and ü follow the German convention (oe, ue) that German keyboards' users type.
        (["Çiçek Şölen", "ÇİÇEK ŞÖLEN", "Cicek Soelen"], "cicek soelen"),
    ],
)
def test_search_folding_makes_turkish_and_german_spellings_meet(variants, folded):
    assert {fold_german(text) for text in variants} == {folded}


def test_folding_keeps_one_character_per_turkish_i_for_highlighting():
    # search.highlight maps folded characters back to the original position by position.
    assert [len(fold_german(char)) for char in "İIıi"] == [1, 1, 1, 1]


def test_turkish_order_follows_the_turkish_alphabet():
    assert sorted(TURKISH_NAMES, key=turkish_sort_key) == [
        "Ahmet", "Cem", "Ceren", "Çiçek", "Göksel", "Gül", "Ğ", "Ilık", "Irmak", "Işık",
        "İlker", "inci", "Oya", "Özgür", "Sude", "Şule", "Uğur", "Ümit", "Zeynep",
    ]  # fmt: skip


def test_turkish_order_ignores_case_with_turkish_rules():
    # Upper-case I is the capital of ı, İ the capital of i.
    assert turkish_sort_key("IRMAK") == turkish_sort_key("ırmak")
    assert turkish_sort_key("İLKER") == turkish_sort_key("ilker")
    assert turkish_sort_key("IRMAK") < turkish_sort_key("İLKER")


def test_german_order_puts_umlauts_with_their_base_letter():
    words = ["Zentrum", "Öffnung", "Ofen", "Ärztehaus", "Apotheke", "Straße", "Strasse 2"]
    assert sorted(words, key=german_sort_key) == [
        "Apotheke", "Ärztehaus", "Ofen", "Öffnung", "Straße", "Strasse 2", "Zentrum",
    ]  # fmt: skip
    assert sort_key("Çiçek") == german_sort_key("Çiçek") != sort_key("Çiçek", "tr")


@pytest.mark.django_db
def test_directory_order_is_turkish_only_for_turkish_visitors(kalk):
    from people.models import Organisation

    for name in ["Ilık Çay Evi", "İnci Kitabevi", "Çocuk Kulübü", "Cami Derneği", "Irmak"]:
        OrganisationFactory(name=name, districts=[kalk])
    entries = Organisation.objects.filter(districts=kalk)
    with translation.override("tr"):
        turkish = [o.name for o in entries.alphabetical()]
    with translation.override("de"):
        german = [o.name for o in entries.alphabetical()]
    assert turkish == ["Cami Derneği", "Çocuk Kulübü", "Ilık Çay Evi", "Irmak", "İnci Kitabevi"]
    assert german == ["Cami Derneği", "Çocuk Kulübü", "Ilık Çay Evi", "İnci Kitabevi", "Irmak"]


@pytest.mark.django_db
def test_directory_pages_split_the_turkish_order_without_gaps(kalk):
    from people.models import Organisation

    names = ["Şifa", "Sağlık", "Üzüm", "Umut", "Ödev", "Okul", "Ğ", "Gönül", "Çark", "Can"]
    for name in names:
        OrganisationFactory(name=name, districts=[kalk])
    with translation.override("tr"):
        ordered = Organisation.objects.filter(districts=kalk).alphabetical()
        first, second = list(ordered[:5]), list(ordered[5:])
    assert [o.name for o in first + second] == sorted(names, key=turkish_sort_key)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["İstanbul", "istanbul", "ISTANBUL", "Istanbul"])
def test_search_finds_turkish_words_in_any_case(client, kalk_home, query):
    ContentPageFactory(parent=kalk_home, title="Kulturverein İstanbul", slug="istanbul")
    ContentPageFactory(parent=kalk_home, title="Teestube ılık", slug="ilik")
    response = client.get("/suche/", {"q": query}, headers={"host": host("kalk")})
    assert [r.title for r in response.context["results"]] == ["Kulturverein İstanbul"]
    response = client.get("/suche/", {"q": "ILIK"}, headers={"host": host("kalk")})
    assert [r.title for r in response.context["results"]] == ["Teestube ılık"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Sonntag, 6. Dezember 2026 · 6. Dezember 2026 · 14:30 Uhr"),
        ("en", "Sunday, 6 December 2026 · 6 December 2026 · 14:30"),
        ("tr", "6 Aralık 2026 Pazar · 6 Aralık 2026 · 14:30"),
        ("ar", "الأحد، 6 ديسمبر 2026 · 6 ديسمبر 2026 · 14:30"),
    ],
)
def test_dates_follow_the_interface_language(language, expected):
    template = Template(
        '{% load portal_tags %}{{ day|date_as:"WEEKDAY_DATE_FORMAT" }}'
        ' · {{ day|date:"DATE_FORMAT" }} · {{ at|time:"TIME_FORMAT" }} {% time_suffix %}'
    )
    context = Context({"day": dt.date(2026, 12, 6), "at": dt.time(14, 30)})
    with translation.override(language):
        assert template.render(context).strip() == expected
