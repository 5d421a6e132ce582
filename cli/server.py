"""`aios serve` (the HTTP API), `aios keys` (API keys per tenant, C2PA test signer) and `aios audit`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aios.cli.console import console, guard
from aios.kernel.settings import get_settings
from aios.runtime.jobs import JobService

keys = typer.Typer(help="API keys: each belongs to a tenant and is shown once.", no_args_is_help=True)


def serve(host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="TCP port.")] = 8000) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs); jobs run here, or on `aios worker`s with AIOS_BROKER_URL."""
    import uvicorn

    from aios.api.main import create_app

    with guard():
        settings = get_settings()
        # The app believes forwarded headers only from AIOS_TRUSTED_PROXIES (uvicorn's own default trusts 127.0.0.1).
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)


@keys.command("create")
def create_key(tenant: Annotated[str, typer.Option(help="Tenant the key acts for.")]) -> None:
    """Create an API key and print it once (only its hash is stored)."""

    with guard():
        service = JobService(get_settings())
        key_id, key = service.keys.create(tenant)
        service.close()
    console.print(f"key id {key_id} for tenant {tenant}:", highlight=False)
    print(key)


@keys.command("revoke")
def revoke_key(key_id: Annotated[str, typer.Argument(help="The key id printed by create.")]) -> None:
    """Revoke a key by its id."""
    from aios.kernel.errors import InvalidInput

    with guard():
        service = JobService(get_settings())
        revoked = service.keys.revoke(key_id)
        service.close()
        if not revoked:
            raise InvalidInput(f"no active key {key_id!r}")
    console.print(f"revoked {key_id}")


@keys.command("c2pa-init")
def c2pa_init(folder: Annotated[Path | None, typer.Option("--dir", help="Where to write; default AIOS_HOME/c2pa.")]
              = None,
              force: Annotated[bool, typer.Option("--force", help="Replace existing credentials.")] = False) -> None:
    """Make a self-signed C2PA signer (a test root CA and a certificate it issued): for testing only."""
    from aios.kernel.errors import InvalidInput
    from aios.tools.provenance.keys import make_test_credentials

    with guard():
        target = (folder or get_settings().data_dir / "c2pa").expanduser()
        if (target / "key.pem").exists() and not force:
            raise InvalidInput(f"C2PA credentials already exist in {target} (use --force to replace them)")
        made = make_test_credentials(target)
    console.print(f"wrote a test C2PA signer to {target}; videos rendered from now on carry a signed manifest.",
                  highlight=False)
    if folder is not None:
        console.print("point the settings at it:", highlight=False)
        print(f"AIOS_C2PA_CERT={made.chain}\nAIOS_C2PA_KEY={made.key}\nAIOS_C2PA_TRUST_ANCHORS={made.ca}")
    console.print("self-signed: viewers will show it as untrusted; publish with a certificate from a C2PA CA.",
                  highlight=False)


def audit(thread_id: Annotated[str, typer.Argument(help="The job's thread id.")],
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False) -> None:
    """Print a job's audit trail: who created, reviewed, re-rendered or cancelled it, and when."""
    import json


    with guard(thread_id):
        service = JobService(get_settings())
        entries = service.audit.entries(thread_id)  # a deleted job's trail stays
        if not entries:
            service.record(thread_id)
        service.close()
    for entry in entries:
        if as_json:
            print(json.dumps(entry.public()))
        else:
            detail = " ".join(f"{k}={v if isinstance(v, str | int | float | None) else json.dumps(v)}"
                              for k, v in entry.detail.items())
            console.print(f"{entry.at}  {entry.actor:<24} {entry.action:<16} {detail}", highlight=False, markup=False)

