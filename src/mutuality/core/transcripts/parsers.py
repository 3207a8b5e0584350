"""Transcript formats in: WebVTT, SRT, plain text with speaker prefixes, and JSON."""

import json
import re
from pathlib import PurePath

from mutuality.core.transcripts.model import (
    MAX_BYTES,
    MAX_UTTERANCES,
    Transcript,
    TranscriptError,
    Utterance,
)
from mutuality.core.transcripts.speakers import SPEAKER_PREFIX
from mutuality.core.transcripts.timestamps import cue_times

FORMATS = ("vtt", "srt", "txt", "json")
_VTT_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$", re.S)
_TAGS = re.compile(r"</?[a-z][^>]*>")


def _add(
    out: list[Utterance],
    speaker: str,
    text: str,
    lineno: int,
    start: float | None = None,
    end: float | None = None,
) -> None:
    text = " ".join(text.split())
    if not text:
        return
    if not speaker:
        raise TranscriptError(f"line {lineno}: no speaker before the text '{text[:40]}'")
    if len(out) >= MAX_UTTERANCES:
        raise TranscriptError(f"line {lineno}: more than {MAX_UTTERANCES:,} utterances")
    out.append(Utterance(len(out), speaker.strip(), text, start=start, end=end))


def _split_speaker(text: str) -> tuple[str, str]:
    m = _VTT_VOICE.match(text)
    if m:
        return m.group(1).strip(), _TAGS.sub("", m.group(2))
    m = SPEAKER_PREFIX.match(text)
    if m:
        return m.group(1).strip(), m.group(2)
    return "", _TAGS.sub("", text)


def _cues(text: str, *, vtt: bool) -> Transcript:
    """WebVTT and SRT share a shape: blocks of (id?, timing, text lines) split by blank lines."""
    lines = text.splitlines()
    out: list[Utterance] = []
    i = 0
    if vtt:
        if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
            raise TranscriptError("line 1: a WebVTT file must start with 'WEBVTT'")
        i = 1
        while i < len(lines) and lines[i].strip():  # header lines such as 'Kind: captions'
            i += 1
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        head = block[0].strip()
        if vtt and head.startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = next((n for n, line in enumerate(block) if "-->" in line), None)
        if timing is None:
            raise TranscriptError(
                f"line {block_start + 1}: a cue without a 'start --> end' timing line"
            )
        if not vtt and timing == 1 and not head.isdigit():
            raise TranscriptError(
                f"line {block_start + 1}: an SRT cue number must be a number, not '{head[:20]}'"
            )
        start, end = cue_times(block[timing], block_start + timing + 1)
        body = block[timing + 1 :]
        if not body:
            raise TranscriptError(f"line {block_start + timing + 1}: a cue with no text")
        speaker, content = _split_speaker(" ".join(b.strip() for b in body))
        _add(out, speaker, content, block_start + timing + 2, start, end)
    return Transcript(tuple(out))


def _plain(text: str) -> Transcript:
    out: list[Utterance] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        speaker, content = _split_speaker(line)
        if not speaker:
            raise TranscriptError(
                f"line {n}: no speaker before the text (expected 'Name: text', e.g. 'T: ...')"
            )
        _add(out, speaker, content, n)
    return Transcript(tuple(out))


def _json(text: str) -> Transcript:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise TranscriptError(f"line {e.lineno}: not valid JSON ({e.msg})") from None
    if not isinstance(data, list):
        raise TranscriptError("the JSON must be a list of {speaker, text, start?} objects")
    out: list[Utterance] = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise TranscriptError(f"entry {n}: expected an object with 'speaker' and 'text'")
        speaker, content, start = entry.get("speaker"), entry.get("text"), entry.get("start")
        if not isinstance(speaker, str) or not speaker.strip():
            raise TranscriptError(f"entry {n}: 'speaker' must be a non-empty string")
        if not isinstance(content, str):
            raise TranscriptError(f"entry {n}: 'text' must be a string")
        if start is not None and (
            isinstance(start, bool) or not isinstance(start, int | float) or start < 0
        ):
            raise TranscriptError(f"entry {n}: 'start' must be seconds (a number of 0 or more)")
        _add(out, speaker, content, n, None if start is None else float(start))
    return Transcript(tuple(out))


def detect(name: str, text: str) -> str:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    head = text.lstrip("\ufeff").lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("["):
        return "json"
    if re.match(r"^\d+\s*\n[\d:,]+\s*-->", head):
        return "srt"
    return "txt"


def parse(data: bytes | str, name: str = "transcript.txt", fmt: str | None = None) -> Transcript:
    """Reads a transcript, refusing what is too large, not text or malformed."""
    if len(data) > MAX_BYTES:
        raise TranscriptError(
            f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB"
        )
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            raise TranscriptError(f"line {line}: the file is not UTF-8 text") from None
    else:
        text = data.lstrip("\ufeff")
    fmt = fmt or detect(name, text)
    if fmt not in FORMATS:
        raise TranscriptError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")
    transcript = {
        "vtt": lambda: _cues(text, vtt=True),
        "srt": lambda: _cues(text, vtt=False),
        "txt": lambda: _plain(text),
        "json": lambda: _json(text),
    }[fmt]()
    if not transcript.utterances:
        raise TranscriptError("the transcript has no utterances")
    return transcript
