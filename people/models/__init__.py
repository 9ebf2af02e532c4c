from people.models.entries import (
    WEEKDAYS,
    Category,
    OpeningHours,
    Organisation,
    Person,
    TargetGroup,
)
from people.models.pages import DirectoryPage

__all__ = [
    "WEEKDAYS",
    "Category",
    "DirectoryPage",
    "OpeningHours",
    "Organisation",
    "Person",
    "TargetGroup",
]
