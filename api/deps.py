"""Shared dependencies: the server's services and the caller's tenant from their API key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from api.services import Services


@dataclass(frozen=True)
class Principal:
    """Who is calling: the API key's id and its tenant."""

    key_id: str
    tenant: str

    @property
    def actor(self) -> str:
        """How the audit trail names this caller."""
        return f"api:{self.key_id}"


def services(request: Request) -> Services:
    """The running app's services."""
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def principal(svc: ServicesDep, authorization: Annotated[str | None, Header()] = None,
              x_api_key: Annotated[str | None, Header()] = None) -> Principal:
    """Authenticate `Authorization: Bearer <key>` (or `X-API-Key`); 401 otherwise."""
    key = x_api_key
    if authorization and authorization.lower().startswith("bearer "):
        key = authorization[7:].strip()
    found = svc.jobs.keys.verify(key) if key else None
    if found is None:
        raise HTTPException(401, "a valid API key is required (Authorization: Bearer <key>)",
                            headers={"WWW-Authenticate": "Bearer"})
    return Principal(*found)


PrincipalDep = Annotated[Principal, Depends(principal)]
