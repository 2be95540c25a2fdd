from django.contrib.admin.apps import AdminConfig


class BassAdminConfig(AdminConfig):
    default_site = "bass.admin.BassAdminSite"
