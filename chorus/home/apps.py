from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "chorus.home"
    label = "home"
