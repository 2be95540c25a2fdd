"""The PostgreSQL side of stored search vectors, for the migrations that add them.

Each searchable table has a ``search_vector`` column that a trigger fills on every insert
and update from the table's text columns with the Danish configuration (PostgreSQL's own
``tsvector_update_trigger``), and a GIN index on it: a search reads the index instead of
turning every row's text into words again. Writes through the ORM, the admin, a bulk insert
or plain SQL all keep it, with nothing to remember in the services. SQLite has neither
triggers of this kind nor the type; its search is a plain fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

CONFIG = "pg_catalog.danish"


def create_sql(table: str, columns: Sequence[str]) -> list[str]:
    """The statements that add the trigger and the index to ``table`` and fill its rows."""
    return [
        f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}",
        f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger("
        f"search_vector, '{CONFIG}', {', '.join(columns)})",
        f"CREATE INDEX IF NOT EXISTS {table}_search_vector_gin ON {table} "
        f"USING gin (search_vector)",
        # The rows written before the trigger: an update fires it.
        f"UPDATE {table} SET search_vector = NULL",  # noqa: S608 (names from migrations)
    ]


def drop_sql(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}",
        f"DROP INDEX IF EXISTS {table}_search_vector_gin",
    ]


def operation(tables: dict[str, Sequence[str]]) -> Any:
    """A migration operation that adds the triggers and indexes on PostgreSQL only."""
    from django.db import migrations

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, columns in tables.items():
            for statement in create_sql(table, columns):
                schema_editor.execute(statement)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            for statement in drop_sql(table):
                schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards, elidable=False)
