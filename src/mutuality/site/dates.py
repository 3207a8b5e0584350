"""Date rules shared by forms that record something that has already happened."""

from datetime import date

from django import forms


def not_in_future(on: date, today: date) -> date:
    """The date itself, or a form error: sessions, answers and assessments are in the past."""
    if on > today:
        raise forms.ValidationError(f"The date {on:%d %b %Y} is in the future.")
    return on
