"""The one StreamField block library every page uses.

Each block has its own template under templates/components/streamfield/.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

TEMPLATE_DIR = "components/streamfield"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Zwischenüberschrift (H2)")), ("h3", _("Unterüberschrift (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = f"{TEMPLATE_DIR}/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = f"{TEMPLATE_DIR}/paragraph.html"


class ImageBlock(blocks.StructBlock):
    """An image with caption; the credit comes from the image and is always shown."""

    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        required=False,
        max_length=255,
        help_text=_(
            "Was zeigt das Bild für Menschen, die es nicht sehen? "
            "Leer lassen, um die Bildbeschreibung aus der Mediathek zu verwenden."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Rein dekorativ (kein Alternativtext)"), required=False, default=False
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=255)

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image is not None and not (image.credit or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "image": ValidationError(
                        _(
                            "Dieses Bild hat keinen Bildnachweis. Bitte in der Mediathek "
                            "ergänzen, wer die Rechte hält."
                        )
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Bild")
        template = f"{TEMPLATE_DIR}/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Von wem?"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = f"{TEMPLATE_DIR}/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_text = blocks.CharBlock(label=_("Beschriftung des Buttons"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Seite im Portal"), required=False)
    url = blocks.URLBlock(label=_("oder externe Adresse"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(
                _("Bitte genau ein Ziel angeben: eine Seite oder eine Adresse.")
            )
            raise StructBlockValidationError(block_errors={"page": message, "url": message})
        return value

    class Meta:
        icon = "link"
        label = _("Handlungsaufruf (Button)")
        template = f"{TEMPLATE_DIR}/call_to_action.html"


# Video platforms we can embed after the visitor's consent, and how to build the player URL.
VIDEO_PLAYERS = [
    (
        re.compile(r"^https://(?:www\.)?(?:youtube\.com/watch\?v=|youtu\.be/)([\w-]{11})"),
        "https://www.youtube-nocookie.com/embed/{id}",
        "YouTube",
    ),
    (
        re.compile(r"^https://(?:www\.)?vimeo\.com/(\d+)"),
        "https://player.vimeo.com/video/{id}?dnt=1",
        "Vimeo",
    ),
]


def video_player(url):
    """Return (player URL, platform name) for a known platform, else (None, None)."""
    for pattern, player, platform in VIDEO_PLAYERS:
        match = pattern.match(url or "")
        if match:
            return player.format(id=match.group(1)), platform
    return None, None


class VideoBlock(blocks.StructBlock):
    """A video that loads only after the visitor agrees: no third-party request before."""

    url = blocks.URLBlock(
        label=_("Adresse des Videos"),
        help_text=_("Ein Link zu YouTube oder Vimeo, z. B. https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(label=_("Titel des Videos"), max_length=200)
    poster = ImageChooserBlock(label=_("Vorschaubild"), required=False)
    transcript = blocks.TextBlock(
        label=_("Beschreibung oder Abschrift"),
        required=False,
        help_text=_("Hilft Menschen, die das Video nicht sehen oder hören können."),
    )

    def clean(self, value):
        value = super().clean(value)
        if video_player(value.get("url"))[0] is None:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Bitte einen Link zu einem Video auf YouTube oder Vimeo angeben.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["player_url"], context["platform"] = video_player(value.get("url"))
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = f"{TEMPLATE_DIR}/video.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Titel"), required=False, help_text=_("Leer lassen für den Dokumenttitel.")
    )


class DownloadsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Überschrift"), required=False, default=_("Downloads"))
    documents = blocks.ListBlock(DownloadBlock(), label=_("Dokumente"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Downloads")
        template = f"{TEMPLATE_DIR}/downloads.html"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Frage oder Titel"), max_length=200)
    content = blocks.RichTextBlock(label=_("Antwort oder Inhalt"))


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Überschrift"), required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Einträge"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Aufklappbare Liste / FAQ")
        template = f"{TEMPLATE_DIR}/accordion.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Zahl"), max_length=30, help_text=_("z. B. „ca. 23.500“"))
    label = blocks.CharBlock(label=_("Bezeichnung"), max_length=80)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Überschrift"), required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Zahlen"), min_num=1)
    source = blocks.CharBlock(label=_("Quelle und Stand"), required=False)

    class Meta:
        icon = "table"
        label = _("Kennzahlen")
        template = f"{TEMPLATE_DIR}/key_figures.html"


class PageTeasersBlock(blocks.StructBlock):
    """Teasers for chosen pages, from this site or any other district's site."""

    title = blocks.CharBlock(label=_("Überschrift"), required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Seiten"), min_num=1)

    def get_context(self, value, parent_context=None):
        from district.models import District

        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        chosen_ids = [page.pk for page in value["pages"] if page is not None]
        pages_by_id = Page.objects.live().public().filter(pk__in=chosen_ids).specific().in_bulk()
        districts = District.objects.by_url_path_prefix()
        portal = (parent_context or {}).get("portal")
        current_district = portal.district if portal is not None else None
        context["teasers"] = [
            {
                "page": page,
                "url": page.get_url(request=request),
                "district": District.lookup_by_url_path(districts, page.url_path),
                "current_district": current_district,
                "text": page.search_description or getattr(page, "intro", ""),
            }
            for page in (pages_by_id.get(pk) for pk in chosen_ids)
            if page is not None
        ]
        return context

    class Meta:
        icon = "doc-empty-inverse"
        label = _("Seiten-Teaser")
        template = f"{TEMPLATE_DIR}/page_teasers.html"


class ContactBlock(blocks.StructBlock):
    """A contact person from the directory, with phone, e-mail (harvest-protected) and
    consultation hours; changes to the person show everywhere they are used."""

    title = blocks.CharBlock(label=_("Überschrift"), required=False)
    person = SnippetChooserBlock("people.Person", label=_("Kontaktperson"))

    class Meta:
        icon = "user"
        label = _("Kontakt")
        template = f"{TEMPLATE_DIR}/contact.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
    downloads = DownloadsBlock()
    accordion = AccordionBlock()
    key_figures = KeyFiguresBlock()
    page_teasers = PageTeasersBlock()
    contact = ContactBlock()
