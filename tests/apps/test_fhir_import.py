"""FHIR round trip: a practice's Questionnaire in, administered, and out again."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from mutuality.cli import main
from mutuality.measures.models import Administration, ImportedInstrument

FIXTURE = Path(__file__).parents[1] / "fixtures" / "questionnaire-rest.json"


def questionnaire(**changes):
    data = json.loads(FIXTURE.read_text())
    data.update(changes)
    return data


def upload(client, data, name="q.json"):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post("/instruments/import/", {"file": SimpleUploadedFile(name, raw)})


def test_it_imports_administers_and_exports_a_questionnaire(signed_in, alice_client):
    response = upload(signed_in, questionnaire())
    assert response.status_code == 302
    imported = ImportedInstrument.objects.get()
    assert (imported.key, imported.version) == ("restcheck", "2")

    page = signed_in.get("/instruments/restcheck/").content.decode()
    assert "How easily did you settle at night?" in page  # the practice's own wording
    assert "Imported by this practice" in page

    answers = {
        "taken_on": "2026-03-01",
        "restcheck-settle": "2",
        "restcheck-wake": "1",
        "restcheck-restored": "2",
    }
    signed_in.post(f"/clients/{alice_client.pk}/measures/restcheck/", answers)
    adm = Administration.objects.get()
    assert adm.answers == {"settle": 2, "wake": 1, "restored": 2}

    bundle = Bundle.model_validate_json(signed_in.get(f"/administrations/{adm.pk}/fhir/").content)
    qr = QuestionnaireResponse.model_validate(bundle.entry[0].resource.model_dump())
    assert qr.questionnaire == "https://practice.example/fhir/Questionnaire/rest-check|2"
    assert [(i.linkId, i.answer[0].valueCoding.code) for i in qr.item] == [
        ("settle", "hard"),
        ("wake", "sometimes"),
        ("restored", "not"),
    ]
    assert bundle.entry[1].resource.valueQuantity.value == 5


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"status": None}, ["status: Value for the field 'status' is required."]),
        (
            {"status": "published"},
            ["status: 'published' is not one of active, draft, retired, unknown"],
        ),
        ({"resourceType": "Patient"}, ["resourceType: expected 'Questionnaire'"]),
        ({"itme": []}, ["itme: Extra inputs are not permitted"]),
        (
            {"item": [{"linkId": "a", "type": "string", "text": "Anything else?"}]},
            ["item[0] 'a': type 'string' is not supported (choice items with scored answers only)"],
        ),
        (
            {
                "item": [
                    {
                        "linkId": "a",
                        "type": "choice",
                        "answerOption": [
                            {"valueCoding": {"code": "x"}},
                            {"valueCoding": {"code": "y"}},
                        ],
                    }
                ]
            },
            [
                "item 'a', answer option 1: no score (add an ordinalValue or itemWeight extension)",
                "item 'a', answer option 2: no score (add an ordinalValue or itemWeight extension)",
            ],
        ),
        (
            {
                "item": [
                    {
                        "linkId": "a",
                        "type": "choice",
                        "answerOption": [
                            {
                                "valueCoding": {"code": "x"},
                                "extension": [
                                    {
                                        "url": "http://hl7.org/fhir/StructureDefinition/ordinalValue",
                                        "valueDecimal": 0.5,
                                    }
                                ],
                            }
                        ],
                    }
                ]
            },
            ["item 'a', answer option 1: score 0.5 is not a whole number"],
        ),
        (
            {"item": [{"type": "choice"}]},
            ["item.0.linkId: Value for the field 'linkId' is required."],
        ),
    ],
)
def test_it_refuses_a_malformed_questionnaire_with_located_errors(signed_in, change, errors):
    data = {k: v for k, v in questionnaire(**change).items() if v is not None}
    response = upload(signed_in, data)
    assert response.status_code == 400
    page = response.content.decode().replace("&#39;", "'")
    for error in errors:
        assert error in page
    assert not ImportedInstrument.objects.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "The file is not valid JSON: line 1, column 2"),
        (b"[1, 2]", "The file must hold one JSON object, a Questionnaire."),
        (b"\xff\xfe\x00", "The file is not UTF-8 text."),
        (b" " * 1_000_001, "The file is 1.0 MB; the limit is 1 MB."),
    ],
)
def test_it_explains_an_unreadable_upload(signed_in, raw, message):
    response = upload(signed_in, raw)
    assert message in response.content.decode()
    assert not ImportedInstrument.objects.exists()


def test_it_refuses_to_overwrite_an_installed_version_or_a_built_in(signed_in):
    upload(signed_in, questionnaire())
    page = upload(signed_in, questionnaire()).content.decode()
    assert "version 2 is already installed" in page
    page = upload(signed_in, questionnaire(name="phq9")).content.decode()
    assert "&#39;phq9&#39; is the name of an instrument Mutuality ships" in page
    assert ImportedInstrument.objects.count() == 1


def test_it_imports_and_lists_from_the_command_line(db, capsys, tmp_path):
    assert main(["instruments", "import", str(FIXTURE)]) == 0
    assert "Installed 'restcheck' version 2" in capsys.readouterr().out
    assert main(["instruments", "list"]) == 0
    listing = capsys.readouterr().out
    assert "restcheck" in listing
    assert "phq9" in listing
    assert "imported" in listing
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(questionnaire(version="3", status="published")))
    assert main(["instruments", "import", str(bad)]) == 2
    assert "status: 'published' is not one of" in capsys.readouterr().err
    assert ImportedInstrument.objects.count() == 1
