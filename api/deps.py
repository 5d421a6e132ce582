"""Shared dependencies: the server's services and the caller's tenant from their API key."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from aios.api import session
from aios.api.services import Services


@dataclass(frozen=True)
class Principal:
    """Who is calling: the API key's id and its tenant (`via` web: signed in to the review page)."""

    key_id: str
    tenant: str
    via: str = "api"

    @property
    def actor(self) -> str:
        """How the audit trail names this caller: api:<key id> or web:<key id>."""
        return f"{self.via}:{self.key_id}"


def services(request: Request) -> Services:
    """The running app's services."""
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def signed_in(request: Request, svc: Services) -> Principal | None:
    """Who the browser's session cookie names, if it is valid, unexpired and its key still active."""
    key_id = svc.sessions.key_id(request.cookies.get(session.COOKIE))
    tenant = svc.jobs.keys.tenant_of(key_id) if key_id else None
    return Principal(key_id, tenant, "web") if key_id and tenant else None


# The three ways in, declared as OpenAPI security schemes (any one will do); none raises by itself: principal()
# answers 401 as a problem when none is valid.
_BEARER = HTTPBearer(scheme_name="ApiKey", auto_error=False, description="An API key: `aios keys create`.")
_HEADER = APIKeyHeader(name="X-API-Key", scheme_name="ApiKeyHeader", auto_error=False,
                       description="The same API key, in a header of its own.")
_COOKIE = APIKeyCookie(name=session.COOKIE, scheme_name="Session", auto_error=False,
                       description="The review page's session (sign in at `/`); changes also need X-CSRF-Token.")


def principal(request: Request, svc: ServicesDep,
              bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)] = None,
              x_api_key: Annotated[str | None, Depends(_HEADER)] = None,
              cookie: Annotated[str | None, Depends(_COOKIE)] = None,  # documented; signed_in() verifies it
              ) -> Principal:
    """Authenticate `Authorization: Bearer <key>` (or `X-API-Key`), or the review page's session cookie.

    A cookie-authenticated request that changes something must carry the page's X-CSRF-Token (403 otherwise).
    """
    key = bearer.credentials.strip() if bearer else x_api_key
    found = svc.jobs.keys.verify(key) if key else None
    if found is not None:
        return Principal(*found)
    browser = signed_in(request, svc) if not key else None
    if browser is None:
        raise HTTPException(401, "a valid API key is required (Authorization: Bearer <key>)",
                            headers={"WWW-Authenticate": "Bearer"})
    sent = request.headers.get(session.CSRF_HEADER, "")
    expected = session.csrf(svc.url_secret, request.cookies[session.COOKIE])
    if request.method not in ("GET", "HEAD", "OPTIONS") and not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "missing or wrong X-CSRF-Token for a signed-in browser request")
    return browser


PrincipalDep = Annotated[Principal, Depends(principal)]
