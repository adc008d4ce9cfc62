"""What the citizens' forms do when a service behind them (Redis: cache, rate limits, broker) fails.

The project's own configuration already degrades instead of failing (django-redis ignores
connection errors, rate limits fail open, mail goes through the outbox in the database). Any other
failure of those services, e.g. a separate rate-limit cache without that tolerance, must still
not become a server error that throws away what the citizen wrote: the form is shown again with
their text and a Chinese 503 message, and nothing is saved."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _
from django_redis.exceptions import ConnectionInterrupted
from kombu.exceptions import OperationalError as BrokerUnavailable
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

SERVICE_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionInterrupted,
    RedisConnectionError,
    RedisTimeoutError,
    BrokerUnavailable,
)
SERVICE_UNAVAILABLE = _(
    "系统暂时繁忙，您的内容尚未提交。已填写的内容保留在下方，请稍后再点击提交；也可先复制保存。"
)


def log_outage(form_name: str) -> None:
    logger.exception("%s: a backing service failed; the citizen's form was shown again (503)", form_name)
