from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictConfig(AppConfig):
    name = "district"
    verbose_name = _("Sozialraumgebiete")

    def ready(self):
        from wagtail.signals import workflow_approved, workflow_rejected

        from district.proposals import notify_sender

        def approved(sender, instance, **kwargs):
            notify_sender(instance, approved=True)

        def rejected(sender, instance, **kwargs):
            notify_sender(instance, approved=False)

        workflow_approved.connect(approved, dispatch_uid="proposal-approved", weak=False)
        workflow_rejected.connect(rejected, dispatch_uid="proposal-rejected", weak=False)
