"""The Celery application. In production the `worker` process of the Procfile runs it against
REDIS_URL; in the embedded mode tasks run in threads of the web process (config.background)."""
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def load_models(**kwargs):
    from django.conf import settings

    from interviewer.engine.warmup import warm_up

    warm_up(settings.WHISPER_MODEL)


@worker_process_init.connect
def start_chart_images(**kwargs):
    from reports.charts import warm_up

    warm_up()
