"""The project's wiring, above every app: settings, the root URLconf, WSGI and the Celery
app. Importing the settings loads the Celery app, so ``shared_task`` binds to it."""

from config.celery import app as celery_app

__all__ = ("celery_app",)
