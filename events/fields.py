from django import forms
from django.db import models

from people.models import WEEKDAYS


class WeekdaysField(models.CharField):
    """A set of weekdays (0 = Monday) stored as "0,3", edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return sorted({int(v) for v in value})
        return sorted({int(v) for v in (value or "").split(",") if v.strip().isdigit()})

    def get_prep_value(self, value):
        return ",".join(str(v) for v in self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=WEEKDAYS,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        # Choices are checked by the form field; the stored value is a list.
        pass
