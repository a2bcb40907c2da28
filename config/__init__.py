"""Every process of the platform imports this package first (see config/offline.py)."""

from config.offline import keep_dependencies_offline

keep_dependencies_offline()  # before any import below can load a library that reads the variables

from .celery import app as celery_app  # noqa: E402 (after the line above, on purpose)

__all__ = ("celery_app",)
