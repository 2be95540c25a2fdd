from django.apps import AppConfig


class InspirationConfig(AppConfig):
    name = "inspiration"
    verbose_name = "Inspirationskatalog"
