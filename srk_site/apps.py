from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SrkSiteConfig(AppConfig):
    name = "srk_site"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import Page

        from srk_site.languages import keep_visitor_language
        from srk_site.localisation import share_site_root_permissions

        if not getattr(Page.get_url_parts, "keeps_visitor_language", False):
            Page.get_url_parts = keep_visitor_language(Page.get_url_parts)

        post_save.connect(share_site_root_permissions, dispatch_uid="share_site_root_permissions")
