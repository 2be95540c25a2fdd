"""A health probe for the containers, with the standard library only.

``python -m bass.probe http://127.0.0.1:8000/health/`` exits 0 when the URL answers 200.
It sends the Host of the first ALLOWED_HOSTS (else Django answers 400) and says the request
came through the TLS proxy (else HTTPS=true redirects it), as Caddy would.
"""

from __future__ import annotations

import http.client
import os
import sys
from urllib.parse import urlsplit


def probe(url: str) -> int:
    parts = urlsplit(url)
    host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
    host = "localhost" if host in ("", "*") else host
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=8)
    try:
        conn.request("GET", parts.path or "/", headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        body = response.read(2000).decode("utf-8", "replace")
    except OSError as exc:
        print(f"{url}: {exc}", file=sys.stderr)
        return 1
    finally:
        conn.close()
    if response.status != 200:
        print(f"{url}: {response.status} {body}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(probe(sys.argv[1]))
