"""Cue timestamps of WebVTT (00:01.500, 01:02:03.250) and SRT (01:02:03,250)."""

import re

_TIME = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)[.,](\d{3})$")


def seconds(stamp: str) -> float | None:
    """Seconds from a cue timestamp, or None when it is not one."""
    m = _TIME.match(stamp.strip())
    if not m:
        return None
    hours, minutes, secs, millis = m.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def cue_times(line: str, lineno: int) -> tuple[float, float]:
    """The start and end of a 'start --> end' timing line."""
    from mutuality.core.transcripts.model import TranscriptError

    parts = line.split("-->")
    if len(parts) != 2:
        raise TranscriptError(f"line {lineno}: expected 'start --> end', found '{line[:60]}'")
    start = seconds(parts[0])
    end = seconds(parts[1].split()[0] if parts[1].split() else "")
    if start is None or end is None:
        raise TranscriptError(f"line {lineno}: '{line.strip()[:60]}' is not a valid cue time")
    if end < start:
        raise TranscriptError(f"line {lineno}: the cue ends before it starts")
    return start, end
