"""iCalendar text (RFC 5545) for a person's deadlines, written by hand: the feed needs all-day
events and nothing else, which is a few lines against a library's dependency.

What RFC 5545 asks of such a file, and where it is done here:

- lines end in CRLF (3.1), and a line longer than 75 octets is folded: CRLF and one space,
  never inside a UTF-8 character (``fold``);
- TEXT values escape backslash, semicolon, comma and newline (3.3.11, ``escape``);
- every event has a UID that stays the same across downloads (so a calendar updates the
  event instead of adding it again) and a DTSTAMP in UTC (3.8.7.2);
- an all-day event is ``DTSTART;VALUE=DATE:YYYYMMDD`` with DTEND the next day (3.6.1).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

PRODUCT = "-//Region Sjælland//BASS Ambitions//DA"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    day: datetime.date
    summary: str
    description: str = ""
    url: str = ""


def escape(text: str) -> str:
    """A TEXT value: backslash first, then the characters that would end or split it."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """The content line folded at 75 octets (the continuation's leading space counts)."""
    parts: list[str] = []
    current = ""
    limit = LINE_OCTETS
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
            limit = LINE_OCTETS - 1  # after the leading space
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(events: Iterable[Event], *, name: str, stamp: datetime.datetime) -> str:
    """The VCALENDAR with one all-day VEVENT per event; ``stamp`` is when it was made."""
    utc = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{_date(event.day)}",
            f"DTEND;VALUE=DATE:{_date(event.day + datetime.timedelta(days=1))}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
