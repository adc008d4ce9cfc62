# The public side's answers to the foundation's hooks (the admin's own hooks follow).
from . import public_hooks  # noqa: F401
