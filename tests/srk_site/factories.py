import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


class ImageFactory(wagtail_factories.ImageFactory):
    credit = "Test-Fotografin / Bürgerverein"

    class Meta:
        model = get_image_model()


class DocumentFactory(factory.django.DjangoModelFactory):
    title = "Veranstaltungsplakat"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n" + b"x" * 2400, "plakat.pdf"))

    class Meta:
        model = get_document_model()
