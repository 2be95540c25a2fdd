"""Django's JSON serializer, but without losing microseconds (used by the backup).

``DjangoJSONEncoder`` writes times to the millisecond (ECMA-262), so a ``dumpdata`` →
``loaddata`` round trip changes every timestamp; ordering by time (history, timelines,
"last updated") can then differ after a restore. This encoder writes full ISO 8601, which
the stock deserializer reads back exactly.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

NAME = "exact-json"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # not in django-stubs
        self.json_kwargs["cls"] = ExactJSONEncoder


__all__ = ["NAME", "Deserializer", "Serializer"]
