"""Turning a public proposal into a draft in its district and starting the approval.

Drafts skip Wagtail's required-field validation since 7.0, so the forms validate
everything first; all writes happen in one transaction, so a failure leaves nothing.
"""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from district.models import NewsIndexPage, NewsPage, Proposal
from district.models.participation import EVENT, NEWS, ORGANISATION
from events.models import EventDate, EventIndexPage, EventPage
from people.models import Organisation
from srk_site.text import paragraph_stream

SERVICE_USERNAME = "mitmachen-formular"


def service_user():
    """The account that submits anonymous proposals; it cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        username=SERVICE_USERNAME, defaults={"is_active": False, "first_name": "Mitmachen-Formular"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def unique_page_slug(parent, title):
    base = slugify(title.replace("ß", "ss"))[:70] or "vorschlag"
    slug, number = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def uploaded_image(data):
    upload = data.get("image")
    if not upload:
        return None
    image = get_image_model()(
        title=data["title"][:255],
        credit=data["image_credit"],
        file=ImageFile(io.BytesIO(upload.read()), name=upload.name),
    )
    image.save()
    return image


def child_index(district, model):
    home = district.home_page
    return model.objects.child_of(home).first() if home else None


def create_event(district, data):
    index = child_index(district, EventIndexPage)
    event = EventPage(
        title=data["title"],
        slug=unique_page_slug(index, data["title"]),
        teaser=data["teaser"],
        body=paragraph_stream(data.get("description", "")),
        is_free=not data["cost"],
        cost=data["cost"],
        venue_name=data["place_name"],
        venue_address=data["place_address"],
        registration_required=bool(data["registration"]),
        registration_contact=data["registration"],
        image=uploaded_image(data),
        live=False,
    )
    event.dates = [
        EventDate(
            start_date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            all_day=data["all_day"],
        )
    ]
    index.add_child(instance=event)
    return event


def create_news(district, data):
    index = child_index(district, NewsIndexPage)
    news = NewsPage(
        title=data["title"],
        slug=unique_page_slug(index, data["title"]),
        teaser=data["teaser"],
        author=data["sender_organisation"] or data["sender_name"],
        body=paragraph_stream(data["text"]),
        image=uploaded_image(data),
        live=False,
    )
    index.add_child(instance=news)
    return news


def create_organisation(district, data):
    organisation = Organisation(
        name=data["name"],
        description=data["description"],
        street=data["street"],
        postcode=data["postcode"],
        opening_note=data["opening_note"],
        phone=data["phone"],
        email=data["email"],
        website=data["organisation_website"],
        live=False,
    )
    organisation.districts = [district]
    organisation.categories = list(data["categories"])
    organisation.target_groups = list(data["target_groups"])
    organisation.save()
    return organisation


CREATORS = {EVENT: create_event, NEWS: create_news, ORGANISATION: create_organisation}


def submit_proposal(kind, district, data):
    """Create the draft, record the sender and start the district's approval.

    Returns (proposal, created); a repeated token returns the first proposal unchanged.
    """
    existing = Proposal.objects.filter(token=data["token"]).first()
    if existing is not None:
        return existing, False
    user = service_user()
    with transaction.atomic():
        draft = CREATORS[kind](district, data)
        draft.save_revision(user=user)
        workflow = draft.get_workflow()
        if workflow is not None:
            workflow.start(draft, user)
        proposal = Proposal.objects.create(
            district=district,
            kind=kind,
            sender_name=data["sender_name"],
            sender_organisation=data["sender_organisation"],
            sender_email=data["sender_email"],
            consent_at=timezone.now(),
            token=data["token"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            content_type=ContentType.objects.get_for_model(draft, for_concrete_model=False),
            object_id=str(draft.pk),
        )
    send_to_sender(proposal, "received", draft)
    return proposal, True


def send_to_sender(proposal, template, draft):
    """One of the e-mails to a proposal's sender, in the language the sender used."""
    with translation.override(proposal.language):
        send_mail(
            subject=_("Ihr Vorschlag für Lebenswerte Veedel %(district)s")
            % {"district": proposal.district.name},
            message=render_to_string(
                f"district/participation/email_{template}.txt",
                {"proposal": proposal, "draft": draft},
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[proposal.sender_email],
            fail_silently=True,
        )


def notify_sender(workflow_state, approved):
    """Tell the sender of a public proposal what the coordination decided."""
    obj = workflow_state.content_object
    obj = getattr(obj, "specific", obj)  # pages come back as plain Page objects
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    for proposal in Proposal.objects.filter(content_type=content_type, object_id=str(obj.pk)):
        send_to_sender(proposal, "approved" if approved else "rejected", obj)
