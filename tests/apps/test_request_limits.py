"""Oversized bodies are refused from their declared length, before a byte is read."""

import io

import pytest

pytestmark = pytest.mark.django_db


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything tries to read it."""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the oversized body was read")

    readline = read  # type: ignore[assignment]


@pytest.mark.parametrize("url", ["/sessions/1/transcript/", "/instruments/import/", "/login/"])
def test_a_huge_upload_is_refused_unread(client, alice, url):
    client.force_login(alice)
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(5 * 1024**3),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "5368.7 MB" in response.content.decode()
    assert "Nothing was read or saved" in response.content.decode()


def test_a_malformed_length_is_refused(client, alice):
    client.force_login(alice)
    response = client.generic(
        "POST", "/clients/new/", CONTENT_LENGTH="12abc", **{"wsgi.input": Unreadable()}
    )
    assert response.status_code == 400
    assert "Content-Length is not a number" in response.content.decode()


def test_a_transcript_at_its_own_limit_still_reaches_its_form(client, alice, alice_client):
    from mutuality.sessions.models import TherapySession

    session = TherapySession.objects.create(client=alice_client, held_on="2026-03-02")
    client.force_login(alice)
    big = io.BytesIO(b"Therapist: hello.\n" * 140_000)  # 2.5 MB: over the transcript limit
    big.name = "long.txt"
    response = client.post(f"/sessions/{session.pk}/transcript/", {"file": big})
    assert response.status_code == 400  # the form's own, more precise message
    assert "the limit is 2 MB" in response.content.decode()
