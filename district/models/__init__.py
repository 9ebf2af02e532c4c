from district.models.areas import District
from district.models.forms import FormField, FormPage
from district.models.networks import NetworkIndexPage, NetworkPage
from district.models.news import (
    KIND_CHOICES,
    PRESS,
    NewsAttachment,
    NewsIndexPage,
    NewsPage,
    PressPhoto,
    Topic,
)
from district.models.pages import ContentPage, DistrictHomeContact, DistrictHomePage
from district.models.participation import Proposal
from district.models.projects import ProjectIndexPage, ProjectPage
from district.models.workflows import CoordinationApprovalTask, DistrictApprovalTask

__all__ = [
    "KIND_CHOICES",
    "PRESS",
    "ContentPage",
    "District",
    "CoordinationApprovalTask",
    "DistrictApprovalTask",
    "DistrictHomeContact",
    "DistrictHomePage",
    "FormField",
    "FormPage",
    "NetworkIndexPage",
    "NetworkPage",
    "NewsAttachment",
    "NewsIndexPage",
    "NewsPage",
    "PressPhoto",
    "Proposal",
    "ProjectIndexPage",
    "ProjectPage",
    "Topic",
]
