"""One small registry shape for every extension point: names mapped to where their factory lives."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from aios.kernel.errors import AiosError, InvalidInput
from aios.kernel.vocab import one_of


@dataclass(frozen=True)
class Catalog:
    """The names of one extension point, each with where it lives: `module:attribute`, or a module.

    Names are checked here (by schemas, settings, the API's enums and the CLI); factories are imported only
    when `load` is first asked for one, by the layer that owns them, so the kernel imports nothing of ours.
    """

    kind: str
    entries: Mapping[str, str]
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The registered names, in registration order (the first is the default)."""
        return tuple(self.entries)

    def check(self, name: str, error: type[AiosError] = InvalidInput) -> str:
        """`name` if registered; else `error` saying which names there are."""
        if name not in self.entries:
            raise error(self._unknown(name, self.names))
        return name

    def _unknown(self, name: str, allowed: tuple[str, ...]) -> str:
        return f"unknown {self.kind} {name!r}; choose one of {one_of(allowed)}"

    def load(self, name: str, error: type[AiosError] = InvalidInput) -> Any:
        """What is registered under `name`: the attribute, or the module (imported on first use, then kept)."""
        if name not in self._loaded:
            module, _, attribute = self.entries[self.check(name, error)].partition(":")
            found = importlib.import_module(module)
            self._loaded[name] = getattr(found, attribute) if attribute else found
        return self._loaded[name]

    def field_type(self, *also: str) -> Any:
        """A pydantic type for a field holding one of these names (or one of `also`, such as 'auto'): validated,
        and an enum in JSON Schema."""
        allowed = (*also, *self.names)

        def valid(name: str) -> str:
            if name not in allowed:
                raise ValueError(self._unknown(name, allowed))
            return name

        return Annotated[str, AfterValidator(valid), WithJsonSchema({"type": "string", "enum": list(allowed)})]
