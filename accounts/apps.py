from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and cohorts"

    def ready(self):
        post_migrate.connect(name_the_site, sender=self)


def name_the_site(**kwargs):
    """allauth's emails sign off with the Site's name: keep it in step with SITE_NAME."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"name": settings.SITE_NAME, "domain": settings.SITE_DOMAIN}
    )
