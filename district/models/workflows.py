from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

DECLINE = "decline"


class DeclineMixin:
    """Adds "Ablehnen": unlike "request changes", the proposal is closed for good
    (the workflow is cancelled; the draft stays in the history)."""

    decline_action = (DECLINE, _("Ablehnen"), True)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == DECLINE:
            task_state.reject(user=user, **kwargs)
            task_state.workflow_state.cancel(user=user)
            return None
        return super().on_action(task_state, user, action_name, **kwargs)


class CoordinationApprovalTask(DeclineMixin, AbstractGroupApprovalTask):
    """A district's approval of pages: its coordination group approves, requests changes
    with a comment, or declines."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        return [*actions, self.decline_action] if actions else actions

    class Meta:
        verbose_name = _("Freigabe durch die Koordination")
        verbose_name_plural = _("Freigaben durch die Koordination")


class DistrictApprovalTask(DeclineMixin, Task):
    """Approval of directory entries by the coordination of the entry's own districts.

    Wagtail assigns snippet workflows per model, not per site, so one task serves every
    district and decides per entry who may approve: users who may publish such entries
    and work in one of its districts (see district.permissions).
    """

    def may_approve(self, obj, user):
        from district.permissions import DistrictPermissionPolicy

        if user.is_superuser:
            return True
        policy = DistrictPermissionPolicy(type(obj))
        return policy.user_has_permission(user, "publish") and policy.user_covers_instance(
            user, obj
        )

    def user_can_access_editor(self, obj, user):
        return self.may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_approve(obj, user)

    def user_can_lock(self, obj, user):
        return self.may_approve(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if self.may_approve(obj, user):
            return [
                ("reject", _("Änderungen anfordern"), True),
                ("approve", _("Freigeben"), False),
                ("approve", _("Freigeben mit Kommentar"), True),
                self.decline_action,
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "revision"
        )
        allowed = [s.pk for s in states if self.may_approve(s.revision.content_object, user)]
        return TaskState.objects.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("Die Koordination des Gebiets, zu dem der Eintrag gehört, gibt ihn frei.")

    class Meta:
        verbose_name = _("Freigabe durch die Koordination des Gebiets")
        verbose_name_plural = _("Freigaben durch die Koordination des Gebiets")
