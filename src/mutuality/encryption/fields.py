"""Model fields whose values are sealed before they reach the database.

They cannot be searched or sorted by the database: keep anything a query needs (dates,
kinds, statuses, ids) in plain columns beside them.
"""

import json
from typing import Any

from django.db import models

from mutuality.encryption import is_sealed, seal, unseal


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
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


class EncryptedJSONField(models.TextField[Any, Any]):
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
