from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class TaxonomyTerm(models.Model):
    slug = models.SlugField(_("Kürzel"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=80)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    def __str__(self):
        return self.name

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]
