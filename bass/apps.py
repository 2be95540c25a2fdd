from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class BassAdminConfig(AdminConfig):
    default_site = "bass.admin.BassAdminSite"

    def ready(self) -> None:
        super().ready()
        # The outbox's admin replaces post-office's own, found just now by the admin.
        # Registers the system check that refuses the development secret key.
        # The operator's deployment warnings (SITE_URL, EMAIL_BACKEND).
        from post_office.signals import email_queued

        from bass import (
            checks,  # noqa: F401
            deploy_checks,  # noqa: F401
            outbox_admin,  # noqa: F401
        )
        from bass.outbox import kick_after_commit

        # The outbox's mail goes once the transaction that wrote it commits (bass/outbox.py).
        email_queued.connect(kick_after_commit, dispatch_uid="bass.outbox")


class AxesConfig(AxesAppConfig):
    """django-axes under a Danish name in the admin (it has none: "Axes"); its own words are
    translated in ``locale_vendor``."""

    verbose_name = _("Log-in throttle")
