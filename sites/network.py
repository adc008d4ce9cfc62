"""Who is asking: the client's address, also behind the county's reverse proxy.

It lives in `security` (the bottom layer), which counts failed logins and audits by it too.
"""

from security.network import client_address

__all__ = ["client_address"]
