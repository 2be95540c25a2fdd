"""One row per specialty whose content has changed, and one for the programme."""

from __future__ import annotations

from django.db import models

# The programme's row: the reference data every specialty shows (sites, perspectives, people's
# names…). Its version starts at a random number in each new database (the migration, or the
# first read after the table was emptied), so the keys of one database never meet those of
# another that used the same cache: a restore, or a test database made again.
PROGRAMME = 0


class ContentVersion(models.Model):
    """How often a specialty's content (``scope`` = its id) or the programme's (``scope`` =
    0) has changed: bumped by every write, in the write's own transaction (``bass.cache``).

    No foreign key: a deleted specialty's last version stays, so its keys are never reused.
    """

    scope = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "bass_content_version"

    def __str__(self) -> str:
        return f"{self.scope}: {self.version}"
