"""The review page: server-rendered shells (Jinja2) whose small script drives the HTTP API and its event streams."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from aios.api import session
from aios.api.deps import ServicesDep, signed_in
from aios.kernel import stages
from aios.kernel.vocab import ASPECTS, CAPTION_STYLES

WEB = Path(__file__).resolve().parent.parent / "web"
templates = Jinja2Templates(directory=str(WEB / "templates"))
router = APIRouter(include_in_schema=False)
LANGUAGES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
             "nl": "Dutch"}


def _page(request: Request, svc: ServicesDep, name: str, **extra: object) -> Response:
    who = signed_in(request, svc)
    if who is None:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    csrf = session.csrf(svc.url_secret, request.cookies[session.COOKIE])
    return templates.TemplateResponse(request, name, {"tenant": who.tenant, "key_id": who.key_id, "csrf": csrf,
                                                      "stages": json.dumps(stages.as_json()), **extra})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    """The sign-in form: an API key (`aios keys create --tenant NAME`)."""
    return templates.TemplateResponse(request, "login.html", {"next": next if next.startswith("/") else "/"})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, svc: ServicesDep, api_key: Annotated[str, Form(max_length=200)] = "",
          next: Annotated[str, Form(max_length=300)] = "/") -> Response:
    """Check the key; on success set the session cookie (HttpOnly, SameSite=Strict) and go on."""
    found = svc.jobs.keys.verify(api_key.strip()) if api_key.strip() else None
    if found is None:
        return templates.TemplateResponse(request, "login.html", {"next": next, "error": "That API key is not valid."},
                                          status_code=401)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(session.COOKIE, svc.sessions.issue(found[0]), max_age=session.LIFETIME_S,
                        httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, svc: ServicesDep) -> Response:
    """End the session on the server (its cookie opens nothing any more) and forget it in the browser."""
    svc.sessions.end(request.cookies.get(session.COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(session.COOKIE, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.get("/", response_class=HTMLResponse)
def jobs_page(request: Request, svc: ServicesDep) -> Response:
    """Your jobs, live."""
    return _page(request, svc, "jobs.html", page="jobs")


@router.get("/new", response_class=HTMLResponse)
def new_job_page(request: Request, svc: ServicesDep) -> Response:
    """The new-job form."""
    return _page(request, svc, "new.html", page="new", aspects=ASPECTS, languages=LANGUAGES,
                 captions=CAPTION_STYLES)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request, svc: ServicesDep) -> Response:
    """One job: brief, storyboard review, progress, preview, downloads, audit trail."""
    return _page(request, svc, "job.html", page="job", job_id=job_id)
