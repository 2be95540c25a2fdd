from django.contrib.admin.apps import AdminConfig


class BassAdminConfig(AdminConfig):
    default_site = "bass.admin.BassAdminSite"

    def ready(self) -> None:
        super().ready()
        # Registers the system check that refuses the development secret key.
        from bass import checks  # noqa: F401
