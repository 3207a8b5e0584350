"""Model fields whose values are sealed before they reach the database.

They cannot be searched or sorted by the database: keep anything a query needs (dates,
kinds, statuses, ids) in plain columns beside them.
"""

import json
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import FieldError
from django.core.validators import MaxLengthValidator
from django.db import models

from mutuality.encryption import is_sealed, seal, unseal


class SealedLookups:
    """Sealed values cannot be compared in SQL (each seal has its own nonce): a filter on
    one fails loudly instead of silently matching nothing. `isnull` still works."""

    name: str
    model: Any

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.model.__name__}.{self.name} is sealed at rest and cannot be filtered "
                f"with '{lookup_name}' in the database; filter the opened values in Python"
            )
        return super().get_lookup(lookup_name)  # type: ignore[misc]


class EncryptedTextField(SealedLookups, models.TextField):  # type: ignore[type-arg]
    """Free text, sealed at rest. Empty text stays empty so blank checks need no key."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return seal(str(value))

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or not is_sealed(value):
            return value
        return unseal(value)


class EncryptedCharField(EncryptedTextField):
    """A short sealed value (a name, a phone number): one line, its length checked before
    sealing (the stored ciphertext is longer, so the column is text)."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedEmailField(EncryptedCharField):
    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(
            **{"form_class": forms.EmailField, "widget": forms.EmailInput, **kwargs}
        )


class EncryptedDateField(SealedLookups, models.TextField[Any, Any]):
    """A date that identifies a person (a birth date), sealed at rest as its ISO text."""

    _pyi_private_set_type: Any  # a date or None, for django-stubs
    _pyi_private_get_type: Any

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        return None if value is None else seal(value.isoformat())

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> date | None:
        if value in (None, ""):
            return None
        assert value is not None
        return date.fromisoformat(unseal(value) if is_sealed(value) else value)

    def to_python(self, value: Any) -> date | None:
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        return date.fromisoformat(str(value))

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return value.isoformat() if value else ""

    def formfield(self, **kwargs: Any) -> Any:
        return models.Field.formfield(self, **{"form_class": forms.DateField, **kwargs})


class EncryptedJSONField(SealedLookups, models.TextField[Any, Any]):
    """Structured clinical content (JSON), sealed at rest as one value."""

    _pyi_private_set_type: Any  # what django-stubs reads as the field's Python type
    _pyi_private_get_type: Any

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return seal(json.dumps(value, sort_keys=True, ensure_ascii=False))

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return json.loads(unseal(value) if is_sealed(value) else value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                return value
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj))
