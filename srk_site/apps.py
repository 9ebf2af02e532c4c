from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SrkSiteConfig(AppConfig):
    name = "srk_site"
    verbose_name = _("Portal")
