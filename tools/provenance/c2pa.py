"""C2PA manifests with c2pa-python: sign a rendered MP4 in place and read its manifest back."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aios.kernel.errors import ConfigurationError, RenderError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from aios.kernel.settings import Settings

TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
COMPOSITE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic"
ENGINES_LABEL = "media.aios.engines"


@dataclass(frozen=True)
class SignerConfig:
    """Where the signer's certificate chain and key live, and how to sign."""

    cert: Path
    key: Path
    alg: str = "es256"
    tsa_url: str | None = None


@dataclass(frozen=True)
class Provenance:
    """What reading a file's C2PA data found: the active manifest and its validation."""

    manifest: dict[str, Any] | None
    state: str | None = None
    failures: list[str] = field(default_factory=list)

    def assertion(self, label: str) -> dict[str, Any] | None:
        """The data of the active manifest's assertion with this label."""
        for item in (self.manifest or {}).get("assertions", []):
            if item.get("label") == label:
                return dict(item.get("data") or {})
        return None


def signer_config(settings: Settings) -> SignerConfig | None:
    """The configured signer, the test one `aios keys c2pa-init` made under AIOS_HOME, or None."""
    cert, key = settings.c2pa_cert, settings.c2pa_key
    if cert is None and key is None:
        home = settings.data_dir / "c2pa"
        if not (home / "chain.pem").is_file() or not (home / "key.pem").is_file():
            return None
        cert, key = home / "chain.pem", home / "key.pem"
    if cert is None or key is None:
        raise ConfigurationError("C2PA signing needs both AIOS_C2PA_CERT and AIOS_C2PA_KEY")
    for path in (cert, key):
        if not path.expanduser().is_file():
            raise ConfigurationError(f"C2PA credential not found: {path}")
    return SignerConfig(cert.expanduser(), key.expanduser(), settings.c2pa_alg, settings.c2pa_tsa_url)


def trust_anchors(settings: Settings) -> Path | None:
    """PEM roots to trust when validating: configured, or the test CA under AIOS_HOME."""
    if settings.c2pa_trust_anchors is not None:
        return settings.c2pa_trust_anchors.expanduser()
    test_ca = settings.data_dir / "c2pa" / "ca.pem"
    return test_ca if test_ca.is_file() else None


def definition(title: str, engines: dict[str, list[str]], job: str) -> dict[str, Any]:
    """The manifest: created by trained algorithms, each generative engine named, and the job it came from."""
    agents = sorted({name for names in engines.values() for name in names})
    return {
        "claim_generator_info": [{"name": "aios-media", "version": version("aios-media")}],
        "title": title,
        "assertions": [
            {"label": "c2pa.actions.v2", "data": {"actions": [
                {"action": "c2pa.created", "digitalSourceType": TRAINED,
                 "softwareAgent": {"name": "AIOS Media", "version": version("aios-media")},
                 "description": "Narration, visuals and captions generated from a brief"},
                *({"action": "c2pa.edited", "digitalSourceType": COMPOSITE, "softwareAgent": {"name": a}}
                  for a in agents),
            ]}},
            {"label": ENGINES_LABEL, "data": {"job": job, **engines}},
        ],
    }


@dataclass(frozen=True)
class Ingredient:
    """A file the video is made from that someone else made (a stock picture), named in the manifest."""

    path: Path
    title: str
    format: str = "image/jpeg"
    description: str = ""


def sign(video: Path, manifest: dict[str, Any], config: SignerConfig,
         ingredients: Sequence[Ingredient] = ()) -> dict[str, str]:
    """Embed a signed manifest into the MP4 (written beside it, then swapped in), the ingredients named as its
    components; returns who signed."""
    import c2pa

    staged = video.with_name(video.stem + ".c2pa" + video.suffix)
    try:
        info = c2pa.C2paSignerInfo(config.alg.upper(), config.cert.read_bytes(), config.key.read_bytes(),
                                   config.tsa_url)
        with c2pa.Signer.from_info(info) as signer, c2pa.Builder(manifest) as builder:
            for item in ingredients:
                with item.path.open("rb") as source:
                    builder.add_ingredient({"title": item.title, "relationship": "componentOf",
                                            **({"description": item.description} if item.description else {})},
                                           item.format, source)
            builder.sign_file(video, staged, signer)
    except c2pa.C2paError as exc:
        staged.unlink(missing_ok=True)
        raise RenderError(f"C2PA signing failed: {exc}") from exc
    os.replace(staged, video)
    found = read(video)
    signature = (found.manifest or {}).get("signature_info", {})
    return {"label": str((found.manifest or {}).get("label", "")), "alg": config.alg,
            "issuer": str(signature.get("issuer", "")), "signer": str(signature.get("common_name", ""))}


def read(video: Path, anchors: Path | None = None) -> Provenance:
    """The file's active manifest and validation state (Trusted needs the signer's root in `anchors`)."""
    import c2pa

    context = None
    if anchors is not None:
        context = c2pa.Context.from_dict({"trust": {"trust_anchors": anchors.read_text(encoding="utf-8")},
                                          "verify": {"verify_trust": True}})
    try:
        reader = c2pa.Reader.try_create(str(video), context=context)
    except c2pa.C2paError as exc:
        return Provenance(None, "Invalid", [str(exc)])
    if reader is None:
        return Provenance(None)
    with reader:
        results = reader.get_validation_results() or {}
        failures = [f"{f.get('code')}: {f.get('explanation')}"
                    for f in (results.get("activeManifest") or {}).get("failure", [])]
        return Provenance(json.loads(json.dumps(reader.get_active_manifest())), reader.get_validation_state(),
                          failures)
