from django.contrib.admin.apps import AdminConfig


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
