"""Production settings: `DJANGO_SETTINGS_MODULE=cms.settings.production`.

Requires SECRET_KEY and ALLOWED_HOSTS from the environment; passes
`manage.py check --deploy` with no warnings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from . import *  # noqa: F403
from . import DEVELOPMENT_SECRET_KEY, STORAGES, env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")


def insecure_secret_key(key: str) -> bool:
    """Too short, too uniform, the development default, or one Django generated for a demo."""
    return (
        len(key) < 50
        or len(set(key)) < 5
        or key == DEVELOPMENT_SECRET_KEY
        or key.startswith("django-insecure")
        or "change-me" in key.lower()
    )


if insecure_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "生产环境必须通过环境变量 SECRET_KEY 提供至少 50 个字符的随机密钥（不得使用开发用的默认密钥），"
        '例如：python -c "import secrets; print(secrets.token_urlsafe(64))"。'
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
