"""Tasks that belong to the installation rather than to one app."""

from celery import shared_task

from specialties.models import Specialty


@shared_task(soft_time_limit=10, time_limit=20)
def ping() -> dict[str, int | str]:
    """Prove that a worker is alive and reads the same database as the web app.

    The answer carries a count from the database, so a worker wired to another database
    (or none) is caught, not just a dead one.
    """
    return {"pong": "ok", "specialties": Specialty.objects.count()}
