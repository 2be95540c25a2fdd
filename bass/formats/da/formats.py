"""Danish formats where Django's differ from how the programme writes; every date and time
the app shows goes through these names, never an ad-hoc pattern (issue 29, item 3).

- ``DATE_FORMAT``: "5. november 2026", in running text and documents.
- ``SHORT_DATE_FORMAT``: "5. nov. 2026" (Danish abbreviations with a full stop, "maj" and
  "juni" whole), in tables, timelines and axes.
- A time of day is written with "kl.": "3. marts 2026 kl. 14.05" reads as Danish;
  "3. marts 2026 14:05" does not.
"""

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"j. N Y \k\l. H.i"
TIME_FORMAT = r"\k\l. H.i"
