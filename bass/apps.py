from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class BassAdminConfig(AdminConfig):
    default_site = "bass.admin.BassAdminSite"

    def ready(self) -> None:
        super().ready()
        # Registers the system check that refuses the development secret key.
        # The operator's deployment warnings (SITE_URL, EMAIL_BACKEND).
        from bass import (
            checks,  # noqa: F401
            deploy_checks,  # noqa: F401
        )


class AxesConfig(AxesAppConfig):
    """django-axes under a Danish name in the admin (it has none: "Axes"); its own words are
    translated in ``locale_vendor``."""

    verbose_name = _("Log-in throttle")
