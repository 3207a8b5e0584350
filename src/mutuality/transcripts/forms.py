from datetime import date
from typing import Any

from django import forms

from mutuality.core.transcripts.model import MAX_BYTES
from mutuality.site.dates import not_in_future


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label="Session date", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.initial.setdefault("held_on", today)

    def clean_held_on(self) -> date:
        on = not_in_future(self.cleaned_data["held_on"], self.today)
        return on


class TranscriptForm(forms.Form):
    file = forms.FileField(
        label="Transcript file",
        help_text="WebVTT, SRT, plain text with 'Name: text' lines, or JSON. At most 2 MB.",
    )
    model = forms.ChoiceField(
        choices=[
            ("default", "Default (fast, no extra software)"),
            ("transformer", "Transformer (slower; needs the extra)"),
        ],
        initial="default",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from mutuality.analysis_encoder import available

        if not available():
            model = self.fields["model"]
            assert isinstance(model, forms.ChoiceField)
            model.choices = [("default", "Default (fast, no extra software)")]
            model.help_text = "The transformer model needs: pip install 'mutuality[transformer]'."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB."
            )
        return upload
