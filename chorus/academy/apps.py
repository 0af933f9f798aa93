from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "chorus.academy"
    verbose_name = _("Academy")

    def ready(self):
        from chorus.academy.curriculum import install_after_migrate

        # Like the sites framework's default site: a new installation starts with the default
        # guidelines and curriculum, and nothing is added again once they exist.
        post_migrate.connect(install_after_migrate, sender=self)
