from typing import Any

from django import forms

from mutuality.core.transcripts.model import MAX_BYTES


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
        from mutuality.analysis.encoder import available

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
