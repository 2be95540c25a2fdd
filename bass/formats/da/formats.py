"""Danish formats where Django's differ from how the programme writes: a time of day is
written with "kl." ("3. marts 2026 kl. 14.05" reads as Danish; "3. marts 2026 14:05" does not)."""

DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H.i"
TIME_FORMAT = "H.i"
