"""Celery application.

With REDIS_URL set, tasks go to Redis and a worker (`make worker`) runs them.
Without it, tasks run in-process at call time (CELERY_TASK_ALWAYS_EAGER), so the
embedded setup needs no broker at all.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Project-wide tasks live in cms/tasks.py, which autodiscovery (apps only) does not see.
app.conf.imports = ("cms.tasks",)
