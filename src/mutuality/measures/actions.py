"""Writes for measurement, each in one transaction: nothing half-saved on bad input."""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q

from mutuality.clients.models import Client
from mutuality.core.errors import MutualityError
from mutuality.core.measures.definition import to_dict
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.core.measures.model import Instrument
from mutuality.core.measures.scoring import check_answers, kept_scores, score
from mutuality.maps.models import Relationship, RelationshipAssessment
from mutuality.measures.fhir import questionnaire_to_instrument
from mutuality.measures.models import (
    Administration,
    CheckinLink,
    CheckinSubmission,
    ImportedInstrument,
    RiskAlert,
)
from mutuality.measures.summary import note_scored
from mutuality.site.dates import local_day

Answers = dict[str, int | None]


class AlreadySubmitted(MutualityError):
    """This link was already used for this window."""


class LinkClosed(MutualityError):
    """The link has expired or was withdrawn."""


def _record(
    *,
    client: Client,
    instrument: Instrument,
    answers: Answers,
    taken_at: datetime,
    source: str,
    by: User | None,
    submission: CheckinSubmission | None = None,
    relationship: Relationship | None = None,
) -> Administration:
    scored = score(instrument, answers)
    administration = Administration.objects.create(
        client=client,
        instrument=instrument.key,
        version=instrument.version,
        taken_at=taken_at,
        answers={k: v for k, v in answers.items() if v is not None},
        scores=kept_scores(scored),
        source=source,
        entered_by=by,
        submission=submission,
        relationship=relationship,
    )
    RiskAlert.objects.bulk_create(
        RiskAlert(administration=administration, item=key, value=int(answers[key] or 0))
        for key in scored.risk_items
    )
    note_scored(administration, scored)
    if relationship is not None and instrument.key == "relationship-check":
        _feed_map(relationship, answers, taken_at, by or client.clinician)
    return administration


def _feed_map(rel: Relationship, answers: Answers, taken_at: datetime, by: User) -> None:
    """A relationship check adds (or updates) that day's point on the relational map."""
    power = answers.get("power-over") or 0
    RelationshipAssessment.objects.update_or_create(
        relationship=rel,
        assessed_on=local_day(taken_at),
        defaults={
            "mutual_empathy": answers.get("mutual-empathy") or 0,
            "authenticity": answers.get("authenticity") or 0,
            "mutual_empowerment": answers.get("mutual-empowerment") or 0,
            "closeness": answers.get("closeness") or 0,
            "power": power,
            "power_direction": "other-over-client" if power >= 3 else "shared",
            "note": "From the client's relationship check.",
            "created_by": by,
        },
    )


@transaction.atomic
def record_administration(
    *,
    client: Client,
    instrument: Instrument,
    answers: Answers,
    taken_at: datetime,
    by: User,
    relationship: Relationship | None = None,
) -> Administration:
    """Answers entered by a clinician in session (e.g. from a paper form)."""
    return _record(
        client=client,
        instrument=instrument,
        answers=answers,
        taken_at=taken_at,
        source=Administration.Source.SESSION,
        by=by,
        relationship=relationship,
    )


def create_link(
    *,
    client: Client,
    by: User,
    instruments: list[str],
    now: datetime,
    days: int,
    recurring_weekly: bool,
    share_progress: bool,
    relationship: Relationship | None = None,
    logs: list[str] | None = None,
    share_plan: bool = False,
) -> tuple[CheckinLink, str]:
    """A new link and its token; the token is returned once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    link = CheckinLink.objects.create(
        client=client,
        token_hash=CheckinLink.hash(token),
        instruments=instruments,
        relationship=relationship,
        recurring_weekly=recurring_weekly,
        share_progress=share_progress,
        logs=logs or [],
        share_plan=share_plan,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return link, token


def submit_checkin(
    *, link: CheckinLink, answers: dict[Instrument, Answers], now: datetime
) -> list[Administration]:
    """Saves a client's answers once per window, all or nothing."""
    if not link.is_open(now):
        raise LinkClosed("this check-in link has expired or was withdrawn")
    for instrument, given in answers.items():
        check_answers(instrument, given)
    try:
        with transaction.atomic():
            submission = CheckinSubmission.objects.create(
                link=link, period=link.period(now), submitted_at=now
            )
            # the latest use, whatever order submissions arrive in
            CheckinLink.objects.filter(pk=link.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lt=now)
            ).update(last_used_at=now)
            return [
                _record(
                    client=link.client,
                    instrument=instrument,
                    answers=given,
                    taken_at=now,
                    source=Administration.Source.LINK,
                    by=None,
                    submission=submission,
                    relationship=link.relationship,
                )
                for instrument, given in answers.items()
            ]
    except IntegrityError:
        raise AlreadySubmitted("this check-in was already answered") from None


@transaction.atomic
def acknowledge_alert(*, alert: RiskAlert, by: User, now: datetime) -> None:
    if alert.acknowledged_at is None:
        alert.acknowledged_by = by
        alert.acknowledged_at = now
        alert.save(update_fields=["acknowledged_by", "acknowledged_at"])


@transaction.atomic
def import_questionnaire(*, data: dict[str, Any], by: User | None) -> ImportedInstrument:
    """Stores a Questionnaire the practice may administer; raises InvalidQuestionnaire."""
    instrument, questionnaire = questionnaire_to_instrument(data)
    if instrument.key in BUILT_IN:
        raise MutualityError(f"'{instrument.key}' is the name of an instrument Mutuality ships")
    if ImportedInstrument.objects.filter(key=instrument.key, version=instrument.version).exists():
        raise MutualityError(
            f"'{instrument.key}' version {instrument.version} is already installed; "
            "give the Questionnaire a new version to import it again"
        )
    return ImportedInstrument.objects.create(
        key=instrument.key,
        version=instrument.version,
        title=instrument.title,
        definition=to_dict(instrument),
        questionnaire=questionnaire,
        imported_by=by,
    )
